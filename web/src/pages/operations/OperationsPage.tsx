import { useMemo, useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { KIND_GROUPS, kindInfo, type KindGroup } from './feed-events.ts';
import { FeedList } from './FeedList.tsx';
import { OperationsMap } from './OperationsMap.tsx';
import { useOperationsFeed } from './use-operations-feed.ts';

/** The real-time operations view: what the user's organisations may know of, as it happens. */
export function OperationsPage() {
  const { t } = useI18n();
  const feed = useOperationsFeed();
  const [hidden, setHidden] = useState<ReadonlySet<KindGroup>>(new Set());
  const shown = useMemo(() => feed.events.filter((e) => !hidden.has(kindInfo(e.kind).group)), [feed.events, hidden]);
  const toggle = (group: KindGroup, on: boolean) =>
    setHidden((current) => {
      const next = new Set(current);
      if (on) next.delete(group);
      else next.add(group);
      return next;
    });

  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">{t('operations.title')}</h1>
      <p className="hint">{t('operations.help')}</p>
      <p role="status" className={`connection connection-${feed.connection}`} data-state={feed.connection}>
        {t(`operations.connection.${feed.connection}` as MessageKey)}
      </p>
      {feed.missed && (
        <div role="alert" className="notice notice-error">
          <p>{t('operations.missed')}</p>
          <button type="button" onClick={feed.reload}>
            {t('operations.reload')}
          </button>
        </div>
      )}
      <ErrorNotice error={feed.error} onRetry={feed.reload} />
      <fieldset className="inline-choices">
        <legend>{t('operations.filter')}</legend>
        {KIND_GROUPS.map((group) => (
          <label key={group} className="choice">
            <input type="checkbox" checked={!hidden.has(group)} onChange={(e) => toggle(group, e.target.checked)} />
            <span>{t(`operations.group.${group}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      <div className="operations-grid">
        <FeedList events={shown} />
        <OperationsMap events={shown} />
      </div>
    </section>
  );
}
