import { memoryStore } from '../../src/stores/memory.js';
import { describeStore } from '../support/store-suite.js';

describeStore('memory', async () => ({ store: memoryStore() }));
