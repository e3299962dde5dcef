import { render } from 'vitest-browser-react';
import '../../../renderer/src/i18n';
import '../../../renderer/src/styles/tokens.css';
import { App } from '../../../renderer/src/app/App';
import { resetAppStore } from '../../../renderer/src/store/appStore';
import { resetPersistence, saveTiming } from '../../../renderer/src/store/persistence';
import type { FakeHost } from './fakeHost';

/**
 * A fresh app on a fresh fake host, at the given route. Save queues and the store are
 * module state, so they are reset too; retries are made quick so failure tests finish.
 */
export async function startApp(host: FakeHost, hash = '#/') {
  resetPersistence();
  resetAppStore();
  saveTiming.debounceMs = 150;
  saveTiming.retryDelaysMs = [200, 400];
  document.documentElement.classList.remove('large-text');
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  host.install();
  return render(<App />);
}
