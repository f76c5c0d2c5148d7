import { Link } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { useLoad } from '../../ui/use-load.ts';

export function DashboardPage() {
  const { t, formatNumber } = useI18n();
  const { session } = useSession();
  const count = useLoad(() => call(api.GET('/api/v1/notes/count')), []);
  const groups = useLoad(() => call(api.GET('/api/v1/sharing-groups')), []);
  if (!session) return null;
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t('dashboard.title', { name: session.user.displayName })}</h1>
      <h2>{t('dashboard.memberships')}</h2>
      <ul>
        {session.memberships.map((m) => (
          <li key={`${m.orgId}:${m.role}`}>
            {m.orgName} — {t(`role.${m.role}`)}
          </li>
        ))}
      </ul>
      <ul className="stats">
        <li>
          <Link to="/w/notes">
            <strong>{count.data ? formatNumber(count.data.count) : '…'}</strong> {t('dashboard.notesVisible')}
          </Link>
        </li>
        <li>
          <Link to="/w/groups">
            <strong>{groups.data ? formatNumber(groups.data.items.length) : '…'}</strong> {t('dashboard.groups')}
          </Link>
        </li>
      </ul>
    </section>
  );
}
