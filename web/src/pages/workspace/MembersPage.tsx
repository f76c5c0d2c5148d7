import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession, type Role } from '../../session/session.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

const ROLES: Role[] = ['admin', 'coordinator', 'analyst', 'officer', 'member', 'viewer', 'auditor'];

/** Members of the organisations the user manages; admins change roles. */
export function MembersPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const managed = [...new Map((session?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'coordinator').map((m) => [m.orgId, m])).values()];
  const [orgId, setOrgId] = useState(managed[0]?.orgId ?? '');
  const isAdmin = !!session?.memberships.some((m) => m.orgId === orgId && m.role === 'admin');
  const members = useLoad(() => call(api.GET('/api/v1/organizations/{id}/members', { params: { path: { id: orgId } } })), [orgId]);
  const [error, setError] = useState<unknown>(null);

  async function toggle(userId: string, roles: Role[], role: Role, on: boolean) {
    const next = on ? [...roles, role] : roles.filter((r) => r !== role);
    if (next.length === 0) return;
    setError(null);
    try {
      await call(api.PUT('/api/v1/organizations/{id}/members/{userId}', { params: { path: { id: orgId, userId } }, body: { roles: next } }));
      members.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t('members.title')}</h1>
      {managed.length > 1 && (
        <p>
          <label htmlFor="members-org">{t('members.organization')}</label>{' '}
          <select id="members-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            {managed.map((m) => (
              <option key={m.orgId} value={m.orgId}>
                {m.orgName}
              </option>
            ))}
          </select>
        </p>
      )}
      <ErrorNotice error={members.error ?? error} onRetry={members.reload} />
      <table>
        <caption>{t('members.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('members.name')}</th>
            {ROLES.map((r) => (
              <th scope="col" key={r}>
                {t(`role.${r}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {members.data?.items.map((m) => (
            <tr key={m.userId}>
              <th scope="row">
                {m.displayName}
                <br />
                <span className="hint">{m.email}</span>
              </th>
              {ROLES.map((r) => (
                <td key={r}>
                  <input
                    type="checkbox"
                    aria-label={`${m.displayName}: ${t(`role.${r}`)}`}
                    checked={m.roles.includes(r)}
                    disabled={!isAdmin}
                    onChange={(e) => void toggle(m.userId, m.roles, r, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
