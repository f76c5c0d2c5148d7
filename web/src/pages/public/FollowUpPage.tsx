import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client.ts';
import { useAction } from '../../ui/use-action.ts';
import type { components } from '../../api/schema.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { PhotoPicker, usePhotoUploads } from './PhotoUploads.tsx';

type Conversation = components['schemas']['TipConversation'];

/** Follow-up with receipt and passphrase; neither is stored in the browser. */
export function FollowUpPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const [receipt, setReceipt] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState('');
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const { busy, error, run, fieldErrors: fields } = useAction();
  const photos = usePhotoUploads();

  async function open(event?: FormEvent, withMessage = false) {
    event?.preventDefault();
    await run(async () => {
      const body = { receipt, passphrase, ...(withMessage && message.trim() ? { message: message.trim() } : {}) };
      setConversation(await call(api.POST('/api/v1/tips/access', { body })));
      if (withMessage) setMessage('');
    });
  }

  return (
    <section className="narrow" aria-labelledby="follow-title">
      <h1 id="follow-title">{t('followUp.title')}</h1>
      <ErrorNotice error={error} onRetry={() => void open()} />
      {!conversation ? (
        <form onSubmit={open} noValidate>
          <Field label={t('tip.receipt')} error={fields.receipt}>
            {(p) => <input {...p} inputMode="numeric" autoComplete="off" value={receipt} onChange={(e) => setReceipt(e.target.value)} />}
          </Field>
          <Field label={t('tip.passphrase')} error={fields.passphrase}>
            {(p) => <input {...p} autoComplete="off" spellCheck={false} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
          </Field>
          <button type="submit" disabled={busy}>
            {t('followUp.open')}
          </button>
        </form>
      ) : (
        <>
          <p role="status">
            {t('followUp.status')}: <strong>{t(`tipStatus.${conversation.status}` as MessageKey)}</strong> · {formatDate(conversation.receivedHour, 'date')}
          </p>
          <ol className="conversation">
            {conversation.messages.map((m, i) => (
              <li key={i} className={`from-${m.from}`}>
                <p className="hint">
                  {t(m.from === 'reporter' ? 'followUp.fromYou' : conversation.channel === 'conduct' ? 'followUp.fromOversight' : 'followUp.fromStaff')} · {formatDate(m.hour)}
                </p>
                <p>{m.body}</p>
              </li>
            ))}
          </ol>
          {conversation.messages.length === 0 && <p>{t('followUp.noMessages')}</p>}
          <p>
            {t('photos.attached', { count: conversation.attachments.length })}
            {conversation.attachments.length > 0 &&
              ` (${formatNumber(Math.ceil(conversation.attachments.reduce((sum, a) => sum + a.byteSize, 0) / 1024))} KB)`}
          </p>
          <PhotoPicker
            uploads={photos}
            onSend={async () => {
              await photos.send({ receipt, passphrase });
              await open();
            }}
          />
          <form onSubmit={(e) => void open(e, true)} noValidate>
            <Field label={t('followUp.addMessage')} error={fields.message}>
              {(p) => <textarea {...p} rows={4} maxLength={20000} value={message} onChange={(e) => setMessage(e.target.value)} />}
            </Field>
            <button type="submit" disabled={busy || !message.trim()}>
              {t('followUp.send')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
