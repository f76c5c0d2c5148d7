import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, Field, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { INTEL_ROLES } from './EntityEditorPage.tsx';
import { EntityName } from './EntityViewPage.tsx';
import { MarkingFields, type Tlp } from './MarkingFields.tsx';

const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
const LINK_TYPES = ['member_of', 'leads', 'associate_of', 'relative_of', 'uses', 'owns', 'located_at', 'transported', 'paid', 'communicated_with', 'involved_in', 'seized_from', 'same_as'] as const;

export function ReportsPage() {
  const { t, formatDate } = useI18n();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const reports = useLoad(() => call(api.GET('/api/v1/intel/reports', { params: { query: { ...(search ? { q: search } : {}), limit: 100 } } })), [search]);
  return (
    <section aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">{t('intel.reports.title')}</h1>
        <Link className="button" to="/w/intel/reports/new">{t('intel.reports.new')}</Link>
      </div>
      <form role="search" className="filters" onSubmit={(e) => (e.preventDefault(), setSearch(q.trim()))}>
        <label htmlFor="reports-q">{t('notes.search')}</label>
        <input id="reports-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('action.search')}</button>
      </form>
      <ErrorNotice error={reports.error} onRetry={reports.reload} />
      {reports.data && reports.data.items.length === 0 && <p>{t('intel.reports.empty')}</p>}
      <ul className="record-list">
        {reports.data?.items.map((r) => (
          <li key={r.id}>
            <TlpBadge tlp={r.tlp} /> <Link to={`/w/intel/reports/${r.id}`}>{r.title}</Link>{' '}
            <span className="badge" title={t('intel.reports.admiralty')}>{r.grading.admiralty}</span> <span className="hint">{formatDate(r.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Fact {
  type: (typeof LINK_TYPES)[number];
  sourceId: string;
  targetId: string;
}

/** A graded report: grading and handling code are required; the entities it is about and the facts it states link to them. */
export function ReportEditorPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const orgs = [...new Set((session?.memberships ?? []).filter((m) => INTEL_ROLES.includes(m.role)).map((m) => m.orgId))];
  const [form, setForm] = useState({ title: '', body: '', sourceReliability: '', informationCredibility: '', sourceKnowledge: 'unknown', handlingCode: '', handlingConditions: '' });
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [groups, setGroups] = useState<string[]>([]);
  const [entityIds, setEntityIds] = useState<string[]>([]);
  const [facts, setFacts] = useState<Fact[]>([]);
  const [entityQuery, setEntityQuery] = useState('');
  const candidates = useLoad(() => call(api.GET('/api/v1/intel/entities', { params: { query: { ...(entityQuery ? { q: entityQuery } : {}), limit: 30 } } })), [entityQuery]);
  const { busy, error, run, fieldErrors } = useAction();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const labelOf = (id: string) => candidates.data?.items.find((e) => e.id === id)?.label ?? id.slice(0, 8);

  async function save(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const body = {
        ownerOrgId: orgs[0], tlp, title: form.title, body: form.body, sharingGroupIds: tlp === 'AMBER' ? groups : [], entityIds, facts,
        sourceReliability: form.sourceReliability || undefined, informationCredibility: form.informationCredibility ? Number(form.informationCredibility) : undefined,
        sourceKnowledge: form.sourceKnowledge, handlingCode: form.handlingCode || undefined, handlingConditions: form.handlingCode === 'C' ? form.handlingConditions : null,
      };
      const created = await call(api.POST('/api/v1/intel/reports', { body: body as never }));
      navigate(`/w/intel/reports/${created.id}`);
    });
  }

  return (
    <section aria-labelledby="report-editor-title" className="narrow">
      <h1 id="report-editor-title">{t('intel.reports.new')}</h1>
      <ErrorNotice error={Object.keys(fieldErrors).length > 0 ? null : error} />
      <form onSubmit={save} noValidate>
        <Field label={t('notes.titleField')} error={fieldErrors.title}>{(p) => <input {...p} required value={form.title} onChange={set('title')} />}</Field>
        <Field label={t('notes.body')} error={fieldErrors.body}>{(p) => <textarea {...p} rows={6} value={form.body} onChange={set('body')} />}</Field>
        <Field label={t('intel.reports.reliability')} error={fieldErrors.sourceReliability}>
          {(p) => (
            <select {...p} required value={form.sourceReliability} onChange={set('sourceReliability')}>
              <option value="">{t('intel.reports.choose')}</option>
              {RELIABILITY.map((r) => <option key={r} value={r}>{r} — {t(`intel.reliability.${r}` as MessageKey)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('intel.reports.credibility')} error={fieldErrors.informationCredibility}>
          {(p) => (
            <select {...p} required value={form.informationCredibility} onChange={set('informationCredibility')}>
              <option value="">{t('intel.reports.choose')}</option>
              {CREDIBILITY.map((c) => <option key={c} value={c}>{c} — {t(`intel.credibility.${c}` as MessageKey)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('intel.reports.knowledge')}>
          {(p) => (
            <select {...p} value={form.sourceKnowledge} onChange={set('sourceKnowledge')}>
              {['unknown', 'direct', 'indirect'].map((k) => <option key={k} value={k}>{t(`intel.knowledge.${k}` as MessageKey)}</option>)}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t('intel.reports.handling')}</legend>
          {fieldErrors.handlingCode && <p className="field-error">{fieldErrors.handlingCode}</p>}
          {(['P', 'C'] as const).map((code) => (
            <label key={code} className="choice">
              <input type="radio" name="handling" value={code} checked={form.handlingCode === code} onChange={set('handlingCode')} />
              <span><strong>{code}</strong> — {t(`intel.handling.${code}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
        {form.handlingCode === 'C' && (
          <Field label={t('intel.reports.conditions')} error={fieldErrors.handlingConditions}>{(p) => <textarea {...p} rows={2} required value={form.handlingConditions} onChange={set('handlingConditions')} />}</Field>
        )}
        <fieldset>
          <legend>{t('intel.reports.about')}</legend>
          <label htmlFor="report-entity-q">{t('intel.entities.search')}</label>
          <input id="report-entity-q" type="search" value={entityQuery} onChange={(e) => setEntityQuery(e.target.value)} />
          {candidates.data?.items.map((e) => (
            <label key={e.id} className="choice">
              <input type="checkbox" checked={entityIds.includes(e.id)} onChange={(ev) => setEntityIds(ev.target.checked ? [...entityIds, e.id] : entityIds.filter((x) => x !== e.id))} />
              <span>{e.label} <span className="hint">({t(`intel.type.${e.type}` as MessageKey)})</span></span>
            </label>
          ))}
        </fieldset>
        {entityIds.length >= 2 && (
          <fieldset>
            <legend>{t('intel.reports.facts')}</legend>
            {facts.map((fact, i) => (
              <div key={i} className="inline-fields">
                {(['sourceId', 'type', 'targetId'] as const).map((part) => (
                  <Field key={part} label={t(`intel.reports.fact.${part}` as MessageKey)} error={fieldErrors[`facts.${i}.${part}`]}>
                    {(p) => (
                      <select {...p} value={fact[part]} onChange={(e) => setFacts(facts.map((f, j) => (j === i ? { ...f, [part]: e.target.value } : f)))}>
                        {part === 'type'
                          ? LINK_TYPES.map((lt) => <option key={lt} value={lt}>{t(`intel.link.${lt}` as MessageKey)}</option>)
                          : entityIds.map((id) => <option key={id} value={id}>{labelOf(id)}</option>)}
                      </select>
                    )}
                  </Field>
                ))}
              </div>
            ))}
            <button type="button" onClick={() => setFacts([...facts, { type: 'associate_of', sourceId: entityIds[0]!, targetId: entityIds[1]! }])}>{t('intel.reports.addFact')}</button>
          </fieldset>
        )}
        <MarkingFields tlp={tlp} groups={groups} error={fieldErrors.tlp} onChange={(next, g) => (setTlp(next), setGroups(g))} />
        <button type="submit" disabled={busy}>{t('action.save')}</button>
      </form>
    </section>
  );
}

export function ReportViewPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const report = useLoad(() => call(api.GET('/api/v1/intel/reports/{id}', { params: { path: { id } } })), [id]);
  if (report.error instanceof ApiError && report.error.status === 404) return <p role="alert">{t('intel.reports.notFound')}</p>;
  const r = report.data;
  return (
    <article aria-labelledby="report-title">
      <ErrorNotice error={report.error} onRetry={report.reload} />
      {r && (
        <>
          <h1 id="report-title">{r.title}</h1>
          <p><TlpBadge tlp={r.tlp} /> <span className="hint">{formatDate(r.createdAt)}</span></p>
          <dl className="attributes">
            <div><dt>{t('intel.reports.admiralty')}</dt><dd>{r.grading.admiralty} — {t(`intel.reliability.${r.sourceReliability}` as MessageKey)}; {t(`intel.credibility.${r.informationCredibility}` as MessageKey)}</dd></div>
            <div><dt>{t('intel.reports.uk')}</dt><dd>{r.grading.uk3x5x2}</dd></div>
            <div><dt>{t('intel.reports.handling')}</dt><dd>{r.handlingCode} — {t(`intel.handling.${r.handlingCode}` as MessageKey)}{r.handlingConditions && `: ${r.handlingConditions}`}</dd></div>
          </dl>
          <div className="note-body">{r.body}</div>
          <h2>{t('intel.reports.about')}</h2>
          <ul className="record-list">{r.entityIds.map((e) => <li key={e}><EntityName id={e} /></li>)}</ul>
          {r.facts.length > 0 && (
            <>
              <h2>{t('intel.reports.facts')}</h2>
              <ul className="record-list">
                {r.facts.map((f) => <li key={f.id}><EntityName id={f.sourceId} /> {t(`intel.link.${f.type}` as MessageKey)} <EntityName id={f.targetId} /></li>)}
              </ul>
            </>
          )}
        </>
      )}
    </article>
  );
}
