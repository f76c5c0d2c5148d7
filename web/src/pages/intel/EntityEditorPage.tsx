import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { ENTITY_TYPES, attributesFrom, fieldsOf, type EntityType, type FieldSpec } from './entity-fields.ts';
import { IDENTIFIER_KINDS } from './IdentifierSearchPage.tsx';
import { MarkingFields, type Tlp } from './MarkingFields.tsx';

export const INTEL_ROLES = ['admin', 'coordinator', 'analyst', 'officer'];
type Kind = (typeof IDENTIFIER_KINDS)[number];

/** Records an entity; its identifiers are correlated at once and the answer is shown on its page. */
export function EntityEditorPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const orgs = [...new Map((session?.memberships ?? []).filter((m) => INTEL_ROLES.includes(m.role)).map((m) => [m.orgId, m.orgName])).entries()];
  const [ownerOrgId, setOwnerOrgId] = useState(orgs[0]?.[0] ?? '');
  const [type, setType] = useState<EntityType>('person');
  const [values, setValues] = useState<Record<string, string>>({});
  const [identifiers, setIdentifiers] = useState<{ kind: Kind; value: string }[]>([]);
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [groups, setGroups] = useState<string[]>([]);
  const { busy, error, run, fieldErrors } = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const body = {
        type, ownerOrgId, tlp, attributes: attributesFrom(type, values), sharingGroupIds: tlp === 'AMBER' ? groups : [],
        identifiers: identifiers.filter((i) => i.value.trim()),
      } as unknown as components['schemas']['CreateEntity'];
      const created = await call(api.POST('/api/v1/intel/entities', { body }));
      navigate(`/w/intel/entities/${created.id}`, { state: { correlations: created.correlations } });
    });
  }

  const input = (spec: FieldSpec) => (
    <Field key={spec.name} label={t(`intel.field.${spec.name}` as MessageKey)} error={fieldErrors[`attributes.${spec.name}`]}>
      {(p) => {
        const common = { ...p, required: !!spec.required, value: values[spec.name] ?? '', onChange: (e: { target: { value: string } }) => setValues({ ...values, [spec.name]: e.target.value }) };
        if (spec.kind === 'textarea') return <textarea {...common} rows={3} />;
        if (spec.kind === 'select') {
          return (
            <select {...common}>
              {!spec.required && <option value="">—</option>}
              {spec.options!.map((o) => <option key={o} value={o}>{t(`intel.option.${o}` as MessageKey)}</option>)}
            </select>
          );
        }
        const htmlType = { date: 'date', datetime: 'datetime-local', number: 'number' }[spec.kind as string] ?? 'text';
        return <input {...common} type={htmlType} {...(spec.kind === 'country' ? { maxLength: 2 } : {})} />;
      }}
    </Field>
  );

  return (
    <section aria-labelledby="entity-editor-title" className="narrow">
      <h1 id="entity-editor-title">{t('intel.entities.new')}</h1>
      <ErrorNotice error={Object.keys(fieldErrors).length > 0 ? null : error} />
      {Object.keys(fieldErrors).length > 0 && <p role="alert" className="field-error">{t('intel.form.fix')}</p>}
      <form onSubmit={save} noValidate>
        {orgs.length > 1 && (
          <Field label={t('notes.owner')} error={fieldErrors.ownerOrgId}>
            {(p) => (
              <select {...p} value={ownerOrgId} onChange={(e) => setOwnerOrgId(e.target.value)}>
                {orgs.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
              </select>
            )}
          </Field>
        )}
        <Field label={t('intel.entities.type')}>
          {(p) => (
            <select {...p} value={type} onChange={(e) => (setType(e.target.value as EntityType), setValues({}))}>
              {ENTITY_TYPES.map((ty) => <option key={ty} value={ty}>{t(`intel.type.${ty}` as MessageKey)}</option>)}
            </select>
          )}
        </Field>
        {fieldsOf(type, values).map(input)}
        <fieldset>
          <legend>{t('intel.entities.identifiers')}</legend>
          {identifiers.map((row, i) => (
            <div key={i} className="inline-fields">
              <Field label={t('intel.lookup.kind')}>
                {(p) => (
                  <select {...p} value={row.kind} onChange={(e) => setIdentifiers(identifiers.map((r, j) => (j === i ? { ...r, kind: e.target.value as Kind } : r)))}>
                    {IDENTIFIER_KINDS.map((k) => <option key={k} value={k}>{t(`intel.kind.${k}` as MessageKey)}</option>)}
                  </select>
                )}
              </Field>
              <Field label={t('intel.lookup.value')} error={fieldErrors[`identifiers.${i}.value`]}>
                {(p) => <input {...p} value={row.value} onChange={(e) => setIdentifiers(identifiers.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))} />}
              </Field>
            </div>
          ))}
          <button type="button" onClick={() => setIdentifiers([...identifiers, { kind: 'phone', value: '' }])}>
            {t('intel.entities.addIdentifier')}
          </button>
        </fieldset>
        <MarkingFields tlp={tlp} groups={groups} error={fieldErrors.tlp} onChange={(next, g) => (setTlp(next), setGroups(g))} />
        <button type="submit" disabled={busy}>
          {t('action.save')}
        </button>
      </form>
    </section>
  );
}
