import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { useFeedEvents } from '../operations/use-feed-events.ts';
import { BULLETIN_KINDS, ISSUER_ROLES, kindLabel, statusLabel, type Bulletin, type BulletinKind } from './labels.ts';

const STATUSES = ['current', 'expired', 'all'] as const;
const PAGE = 50;
type StatusFilter = (typeof STATUSES)[number];

/** Bulletins received by the user's organisations and issued by them; filters live in the URL. */
export function BulletinsPage() {
  const { t } = useI18n();
  const { session, hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as StatusFilter) : 'current';
  const kind = (BULLETIN_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as BulletinKind) : undefined;
  const query = { status, ...(kind ? { kind } : {}), limit: PAGE };
  const list = useLoad(() => call(api.GET('/api/v1/bulletins', { params: { query } })), [status, kind]);
  // Older pages, appended on request; a reload of the first page starts over.
  const [older, setOlder] = useState<{ items: Bulletin[]; nextCursor: string | null } | null>(null);
  useEffect(() => setOlder(null), [list.data]);
  const nextCursor = older ? older.nextCursor : (list.data?.nextCursor ?? null);
  const more = useAction();
  const loadMore = () =>
    more.run(async () => {
      if (!nextCursor) return;
      const page = await call(api.GET('/api/v1/bulletins', { params: { query: { ...query, cursor: nextCursor } } }));
      setOlder((o) => ({ items: [...(o?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    });
  useFeedEvents((event) => event.kind.startsWith('bulletin.') && list.reload(), list.reload);
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const myOrgs = new Set(session?.memberships.map((m) => m.orgId));
  const items = [...(list.data?.items ?? []), ...(older?.items ?? [])];
  const issued = items.filter((b) => myOrgs.has(b.ownerOrgId));
  const received = items.filter((b) => !myOrgs.has(b.ownerOrgId));

  return (
    <section aria-labelledby="bulletins-title">
      <div className="page-head">
        <h1 id="bulletins-title">{t('bulletins.title')}</h1>
        {hasRole(...ISSUER_ROLES) && (
          <Link className="button" to="/w/bulletins/new">
            {t('bulletins.new')}
          </Link>
        )}
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="bulletins-status">{t('bulletins.statusFilter')}</label>
        <select id="bulletins-status" value={status} onChange={(e) => update('status', e.target.value === 'current' ? '' : e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`bulletins.filter.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="bulletins-kind">{t('bulletins.kindField')}</label>
        <select id="bulletins-kind" value={kind ?? ''} onChange={(e) => update('kind', e.target.value)}>
          <option value="">{t('bulletins.anyKind')}</option>
          {BULLETIN_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(kindLabel(k))}
            </option>
          ))}
        </select>
      </form>
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <p className="loading">{t('status.loading')}</p>}
      {list.data && (
        <>
          <BulletinGroup id="received" title={t('bulletins.received')} empty={t('bulletins.emptyReceived')} items={received} me={session?.user.id} />
          <BulletinGroup id="issued" title={t('bulletins.issued')} empty={t('bulletins.emptyIssued')} items={issued} me={session?.user.id} />
          <ErrorNotice error={more.error} onRetry={() => void loadMore()} />
          {nextCursor && (
            <button type="button" className="button-secondary" disabled={more.busy} onClick={() => void loadMore()}>
              {more.busy ? t('status.loading') : t('bulletins.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function BulletinGroup({ id, title, empty, items, me }: { id: string; title: string; empty: string; items: Bulletin[]; me: string | undefined }) {
  const { t, formatDate } = useI18n();
  return (
    <section aria-labelledby={`bulletins-${id}`}>
      <h2 id={`bulletins-${id}`}>{title}</h2>
      {items.length === 0 && <p>{empty}</p>}
      <ul className="record-list bulletin-list">
        {items.map((b) => {
          // Everyone it reaches but its author is asked to acknowledge it, colleagues of the issuer too.
          const pending = b.acknowledgedAt === null && b.createdBy !== me;
          return (
            <li key={b.id} className={pending ? 'unacknowledged' : undefined}>
              <TlpBadge tlp={b.tlp} /> <Link to={`/w/bulletins/${b.id}`}>{b.title}</Link>
              <span className="badge">{t(kindLabel(b.kind))}</span>
              {pending ? <strong className="badge badge-pending">{t('bulletins.notAcknowledged')}</strong> : b.acknowledgedAt && <span className="badge">{t('bulletins.acknowledged')}</span>}
              <span className="hint">
                {' '}
                · {b.ownerOrgName} · {formatDate(b.createdAt)} · {t(statusLabel(b.status))}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
