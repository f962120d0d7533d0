import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './App';
import { I18nProvider, startLanguage } from './i18n';
import './styles.css';

// The language is known before the first paint (the saved choice or the system's): no English flash.
void startLanguage(api).then((start) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider start={start}>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
