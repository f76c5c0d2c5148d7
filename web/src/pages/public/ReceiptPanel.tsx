import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';

export interface Receipt {
  receipt: string;
  passphrase: string;
  message: string;
}

/** The receipt number and passphrase of an anonymous report, shown once, never stored. */
export function ReceiptPanel({ receipt, title, children }: { receipt: Receipt; title: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="narrow" aria-labelledby="receipt-title">
      <h1 id="receipt-title">{title}</h1>
      <p role="status" className="notice">
        {receipt.message}
      </p>
      <dl className="receipt">
        <dt>{t('tip.receipt')}</dt>
        <dd className="mono">{receipt.receipt.replace(/(\d{4})(?=\d)/g, '$1 ')}</dd>
        <dt>{t('tip.passphrase')}</dt>
        <dd className="mono">{receipt.passphrase}</dd>
      </dl>
      {children}
      <p>
        <Link to="/follow-up">{t('tip.followUpLink')}</Link>
      </p>
    </section>
  );
}
