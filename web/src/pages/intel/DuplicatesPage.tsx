import { Link } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';

/** Possible duplicates of one person, or of the recent persons of the user's organisations; a person confirms each merge. */
export function DuplicateList({ entityId, onMerged }: { entityId?: string; onMerged?: () => void }) {
  const { t } = useI18n();
  const suggestions = useLoad(
    () => call(entityId ? api.GET('/api/v1/intel/entities/{id}/duplicates', { params: { path: { id: entityId } } }) : api.GET('/api/v1/intel/duplicates')),
    [entityId],
  );
  const action = useAction();
  const done = () => (suggestions.reload(), onMerged?.());
  return (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('intel.duplicates.title')}</h2>
      <ErrorNotice error={suggestions.error ?? action.error} onRetry={suggestions.reload} />
      {suggestions.data && suggestions.data.items.length === 0 && <p>{t('intel.duplicates.empty')}</p>}
      <ul className="record-list">
        {suggestions.data?.items.map((s) => (
          <li key={`${s.entityId}:${s.candidate.id}`}>
            {!entityId && <><Link to={`/w/intel/entities/${s.entityId}`}>{t('intel.duplicates.person')}</Link> ≈ </>}
            <TlpBadge tlp={s.candidate.tlp} /> <Link to={`/w/intel/entities/${s.candidate.id}`}>{s.candidate.label}</Link>{' '}
            <span className="hint">
              {s.reasons.map((r) => t(`intel.duplicates.${r}` as MessageKey)).join(', ')}
              {s.sharedIdentifiers.length > 0 && ` (${s.sharedIdentifiers.map((i) => i.display).join(', ')})`}
            </span>{' '}
            <button type="button" disabled={action.busy} onClick={() => void action.run(async () => {
              await call(api.POST('/api/v1/intel/merges', { body: { survivorId: s.entityId, mergedId: s.candidate.id, reason: '' } }));
              done();
            })}>
              {t('intel.duplicates.merge')}
            </button>{' '}
            <button type="button" disabled={action.busy} onClick={() => void action.run(async () => {
              await call(api.POST('/api/v1/intel/duplicates/dismiss', { body: { entityId: s.entityId, candidateId: s.candidate.id } }));
              done();
            })}>
              {t('intel.duplicates.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DuplicatesPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="duplicates-page-title">
      <h1 id="duplicates-page-title">{t('intel.duplicates.page')}</h1>
      <p className="hint">{t('intel.duplicates.intro')}</p>
      <DuplicateList />
    </section>
  );
}
