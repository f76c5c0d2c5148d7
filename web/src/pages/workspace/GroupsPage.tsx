import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

export function GroupsPage() {
  const { t } = useI18n();
  const groups = useLoad(() => call(api.GET('/api/v1/sharing-groups')), []);
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">{t('groups.title')}</h1>
      <p className="hint">{t('groups.help')}</p>
      <ErrorNotice error={groups.error} onRetry={groups.reload} />
      {groups.data?.items.length === 0 && <p>{t('groups.empty')}</p>}
      {groups.data?.items.map((g) => (
        <article key={g.id} className="card">
          <h2>{g.name}</h2>
          {g.description && <p>{g.description}</p>}
          <ul>
            {g.members.map((m) => (
              <li key={m.orgId}>
                {m.name} ({m.country})
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
