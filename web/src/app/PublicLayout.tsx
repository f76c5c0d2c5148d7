import { NavLink, Outlet } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { LanguageSwitch } from '../ui/controls.tsx';

export function PublicLayout() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          Alianza
        </NavLink>
        <nav aria-label={t('nav.public')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/report">{t('nav.report')}</NavLink>
            </li>
            <li>
              <NavLink to="/conduct">{t('nav.conduct')}</NavLink>
            </li>
            <li>
              <NavLink to="/follow-up">{t('nav.followUp')}</NavLink>
            </li>
            <li>
              <NavLink to="/places">{t('nav.places')}</NavLink>
            </li>
            <li>
              <NavLink to="/map">{t('nav.map')}</NavLink>
            </li>
            <li>
              <NavLink to="/response-times">{t('nav.responseTimes')}</NavLink>
            </li>
            <li>{session ? <NavLink to="/w">{t('nav.workspace')}</NavLink> : <NavLink to="/login">{t('nav.login')}</NavLink>}</li>
          </ul>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </>
  );
}
