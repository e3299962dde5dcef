import config from '../../../electron.vite.config';

// The project's build of the main process and the preload only, for builtBundle.test.ts:
// the renderer is built and tested by the end-to-end tests, and a half-finished
// renderer must not hide what the main-process tests say.
export default { main: config.main, preload: config.preload };
