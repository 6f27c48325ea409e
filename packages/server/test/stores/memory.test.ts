import { memoryStore } from '../src/memory-store.js';
import { describeStore } from './support/store-suite.js';

describeStore('memory', async () => ({ store: memoryStore() }));
