// `node --import ./registerElectronStub.mjs …` runs code that imports `electron` against the stub.
import { register } from 'node:module';

register('./electronLoader.mjs', import.meta.url);
