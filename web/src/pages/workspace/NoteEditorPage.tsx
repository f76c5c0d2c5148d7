import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useDraft } from '../../ui/use-draft.ts';
import { useLoad } from '../../ui/use-load.ts';

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
type Tlp = (typeof TLPS)[number];
const WRITER_ROLES = ['admin', 'coordinator', 'analyst', 'officer', 'member'];

interface Draft {
  title: string;
  body: string;
  tlp: Tlp;
  ownerOrgId: string;
  sharingGroupIds: string[];
}

/** Create or edit a note; validates on the client, shows the server's field errors, keeps drafts. */
export function NoteEditorPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const writable = session?.memberships.filter((m) => WRITER_ROLES.includes(m.role)) ?? [];
  // Only new notes are kept as drafts: an existing note may be restricted and must not be
  // copied into browser storage.
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`note.${id ?? 'new'}`, {
    title: '',
    body: '',
    tlp: 'AMBER',
    ownerOrgId: writable[0]?.orgId ?? '',
    sharingGroupIds: [],
  }, !id);
  const groups = useLoad(() => call(api.GET('/api/v1/sharing-groups')), []);
  const [loaded, setLoaded] = useState(!id);
  const { busy, error, setError, run, fieldErrors } = useAction();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!id) return;
    call(api.GET('/api/v1/notes/{id}', { params: { path: { id } } })).then(
      (note) => {
        setDraft({ title: note.title, body: note.body, tlp: note.tlp, ownerOrgId: note.ownerOrgId, sharingGroupIds: note.sharingGroupIds });
        setLoaded(true);
      },
      (err: unknown) => setError(err),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  function validate(): boolean {
    const problems: Record<string, string> = {};
    if (!draft.title.trim()) problems.title = t('validation.required');
    if (draft.title.length > 300) problems.title = t('validation.tooLong', { max: 300 });
    if (!id && !draft.ownerOrgId) problems.ownerOrgId = t('validation.required');
    setClientErrors(problems);
    return Object.keys(problems).length === 0;
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!validate()) return;
    const sharingGroupIds = draft.tlp === 'AMBER' ? draft.sharingGroupIds : [];
    await run(async () => {
      const note = id
        ? await call(api.PATCH('/api/v1/notes/{id}', { params: { path: { id } }, body: { title: draft.title, body: draft.body, tlp: draft.tlp, sharingGroupIds } }))
        : await call(api.POST('/api/v1/notes', { body: { title: draft.title, body: draft.body, tlp: draft.tlp, ownerOrgId: draft.ownerOrgId, sharingGroupIds } }));
      clearDraft();
      navigate(`/w/notes/${note.id}`, { replace: true, state: { saved: true } });
    });
  }

  if (error instanceof ApiError && error.status === 404) return <p role="alert">{t('notes.notFound')}</p>;
  if (!loaded) return <p className="loading">{t('status.loading')}</p>;
  const fields = { ...fieldErrors, ...clientErrors };
  const orgName = (orgId: string) => session?.memberships.find((m) => m.orgId === orgId)?.orgName ?? orgId;

  return (
    <section aria-labelledby="editor-title" className="narrow">
      <h1 id="editor-title">{id ? t('notes.edit') : t('notes.new')}</h1>
      <ErrorNotice error={error} onRetry={() => void save()} />
      <form onSubmit={save} noValidate>
        {!id && (
          <Field label={t('notes.owner')} error={fields.ownerOrgId}>
            {(p) => (
              <select {...p} value={draft.ownerOrgId} onChange={(e) => setDraft({ ...draft, ownerOrgId: e.target.value })}>
                {[...new Set(writable.map((m) => m.orgId))].map((orgId) => (
                  <option key={orgId} value={orgId}>
                    {orgName(orgId)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('notes.titleField')} error={fields.title}>
          {(p) => <input {...p} required maxLength={300} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
        </Field>
        <Field label={t('notes.body')} error={fields.body}>
          {(p) => <textarea {...p} rows={8} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />}
        </Field>
        <fieldset>
          <legend>{t('notes.marking')}</legend>
          {fields.tlp && <p className="field-error">{fields.tlp}</p>}
          {TLPS.map((tlp) => (
            <label key={tlp} className="choice">
              <input type="radio" name="tlp" value={tlp} checked={draft.tlp === tlp} onChange={() => setDraft({ ...draft, tlp })} />
              <span>
                <strong>TLP:{tlp}</strong> — {t(`tlp.${tlp}` as MessageKey)}
              </span>
            </label>
          ))}
        </fieldset>
        {draft.tlp === 'AMBER' && (groups.data?.items.length ?? 0) > 0 && (
          <fieldset>
            <legend>{t('notes.shareWith')}</legend>
            {groups.data!.items.map((g) => (
              <label key={g.id} className="choice">
                <input
                  type="checkbox"
                  checked={draft.sharingGroupIds.includes(g.id)}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      sharingGroupIds: e.target.checked ? [...draft.sharingGroupIds, g.id] : draft.sharingGroupIds.filter((x) => x !== g.id),
                    })
                  }
                />
                <span>{g.name}</span>
              </label>
            ))}
            {fields.sharingGroupIds && <p className="field-error">{fields.sharingGroupIds}</p>}
          </fieldset>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('status.sending') : t('action.save')}
        </button>
      </form>
    </section>
  );
}
