import { memoryStore } from '../../src/stores/memory.js';
import { describeCaseStore } from '../support/case-suite.js';
import { describeStore } from '../support/store-suite.js';

describeStore('memory', async () => ({ store: memoryStore() }));
describeCaseStore('memory', async () => ({ store: memoryStore() }));
