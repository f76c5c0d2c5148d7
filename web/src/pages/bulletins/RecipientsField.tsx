import { useEffect, useId, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';

interface Person {
  userId: string;
  displayName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The named people a RED bulletin is for. Members of the user's organisations are listed where
 * the user may see them (admins and coordinators); anyone else is added by user id.
 */
export function RecipientsField({ value, error, onChange }: { value: string[]; error?: string | undefined; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const inputId = useId();
  const [people, setPeople] = useState<Person[]>([]);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);

  useEffect(() => {
    const managed = [...new Set(session?.memberships.filter((m) => m.role === 'admin' || m.role === 'coordinator').map((m) => m.orgId))];
    void Promise.all(managed.map((id) => call(api.GET('/api/v1/organizations/{id}/members', { params: { path: { id } } })).then((r) => r.items, () => [])))
      .then((lists) => {
        const byId = new Map(lists.flat().map((m) => [m.userId, { userId: m.userId, displayName: m.displayName }]));
        byId.delete(session?.user.id ?? '');
        setPeople([...byId.values()]);
      });
  }, [session]);

  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((x) => x !== id));
  const add = () => {
    const id = typed.trim().toLowerCase();
    if (!UUID.test(id)) return setTypedError(t('bulletins.recipientIdInvalid'));
    setTypedError(null);
    setTyped('');
    if (!value.includes(id)) onChange([...value, id]);
  };
  const others = value.filter((id) => !people.some((p) => p.userId === id));

  return (
    <fieldset>
      <legend>{t('bulletins.recipients')}</legend>
      {error && <p className="field-error">{error}</p>}
      {people.map((p) => (
        <label key={p.userId} className="choice">
          <input type="checkbox" checked={value.includes(p.userId)} onChange={(e) => toggle(p.userId, e.target.checked)} />
          <span>{p.displayName}</span>
        </label>
      ))}
      {others.map((id) => (
        <label key={id} className="choice">
          <input type="checkbox" checked onChange={() => toggle(id, false)} />
          <span>{id}</span>
        </label>
      ))}
      <label htmlFor={inputId}>{t('bulletins.recipientId')}</label>
      <p className="inline-add">
        <input id={inputId} value={typed} aria-invalid={!!typedError} onChange={(e) => setTyped(e.target.value)} />{' '}
        <button type="button" className="button-secondary" onClick={add}>
          {t('bulletins.addRecipient')}
        </button>
      </p>
      {typedError && <p className="field-error">{typedError}</p>}
    </fieldset>
  );
}
