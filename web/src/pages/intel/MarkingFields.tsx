import { api, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../ui/use-load.ts';

export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLPS)[number];

/** The TLP marking of a new intelligence record and, for AMBER, the task forces it goes to. */
export function MarkingFields(props: { tlp: Tlp; groups: string[]; error?: string | undefined; onChange: (tlp: Tlp, groups: string[]) => void }) {
  const { t } = useI18n();
  const groups = useLoad(() => call(api.GET('/api/v1/sharing-groups')), []);
  return (
    <>
      <fieldset>
        <legend>{t('notes.marking')}</legend>
        {props.error && <p className="field-error">{props.error}</p>}
        {TLPS.map((tlp) => (
          <label key={tlp} className="choice">
            <input type="radio" name="tlp" value={tlp} checked={props.tlp === tlp} onChange={() => props.onChange(tlp, tlp === 'AMBER' ? props.groups : [])} />
            <span>
              <strong>TLP:{tlp}</strong> — {t(`tlp.${tlp}` as MessageKey)}
            </span>
          </label>
        ))}
      </fieldset>
      {props.tlp === 'AMBER' && (groups.data?.items.length ?? 0) > 0 && (
        <fieldset>
          <legend>{t('notes.shareWith')}</legend>
          {groups.data!.items.map((g) => (
            <label key={g.id} className="choice">
              <input
                type="checkbox"
                checked={props.groups.includes(g.id)}
                onChange={(e) => props.onChange(props.tlp, e.target.checked ? [...props.groups, g.id] : props.groups.filter((x) => x !== g.id))}
              />
              <span>{g.name}</span>
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
