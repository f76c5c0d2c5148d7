import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApiLanguage } from './api/client.ts';
import { App } from './app/App.tsx';
import { loadPublicConfig } from './app/public-config.ts';
import { I18nProvider, storedLocale, useI18n } from './i18n/i18n.tsx';
import { SessionProvider } from './session/session.tsx';
import './styles.css';

/** Keeps the API's Accept-Language in step with the chosen language, so errors come localized. */
function ApiLanguage() {
  setApiLanguage(useI18n().locale);
  return null;
}

const config = await loadPublicConfig();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider initial={storedLocale() ?? config.defaultLocale}>
      <ApiLanguage />
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
