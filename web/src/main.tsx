import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// The theme before the settings arrive: the last one used, else the system's.
const saved = (() => {
  try {
    return localStorage.getItem('echotune.theme');
  } catch {
    return null;
  }
})();
document.documentElement.dataset.theme =
  saved === 'light' || saved === 'dark' ? saved : matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
