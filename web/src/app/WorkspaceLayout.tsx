import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { LanguageSwitch } from '../ui/controls.tsx';
import { visibleNav } from './navigation.ts';

/** The signed-in area: navigation by role; signed-out or expired sessions go to the login page. */
export function WorkspaceLayout() {
  const { t } = useI18n();
  const { session, expired, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (session === undefined) return <p className="loading">{t('status.loading')}</p>;
  if (session === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}${expired ? '&expired=1' : ''}`} replace />;
  }
  const orgs = [...new Set(session.memberships.map((m) => m.orgName))].join(', ');
  return (
    <div className="workspace">
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <header className="site-header">
        <NavLink to="/w" className="brand">
          Alianza
        </NavLink>
        <p className="who">
          <span>{session.user.displayName}</span>
          {orgs && <span className="hint"> · {orgs}</span>}
        </p>
        <LanguageSwitch />
        <button
          type="button"
          onClick={async () => {
            await logout();
            navigate('/');
          }}
        >
          {t('action.logout')}
        </button>
      </header>
      <div className="workspace-body">
        <nav aria-label={t('nav.workspace')} className="side-nav">
          <ul>
            {visibleNav(session).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/w'}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
