import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './views/shell/App';
import { trainer } from './bridge/trainer-bridge';
import { useLab } from './store/lab-store';
import './styles.css';

declare global {
  interface Window {
    /** For e2e tests and curious students: the store and the bridge. */
    __lab?: { store: typeof useLab; trainer: typeof trainer };
  }
}
window.__lab = { store: useLab, trainer };

void trainer.start().catch(() => {
  /* shown by the data panel, which offers a retry */
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
