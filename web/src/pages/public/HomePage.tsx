import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';

export function HomePage() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <p className="actions">
          <Link className="button" to="/report">
            {t('home.report')}
          </Link>
          <Link className="button button-secondary" to="/conduct">
            {t('home.conduct')}
          </Link>
          <Link className="button button-secondary" to="/map">
            {t('home.seeMap')}
          </Link>
          <Link className="button button-secondary" to={session ? '/w' : '/login'}>
            {session ? t('nav.workspace') : t('home.staffLogin')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="home-how" className="cards">
        <h2 id="home-how">{t('home.howTitle')}</h2>
        <ul>
          <li>
            <h3>{t('home.card.share.title')}</h3>
            <p>{t('home.card.share.text')}</p>
          </li>
          <li>
            <h3>{t('home.card.privacy.title')}</h3>
            <p>{t('home.card.privacy.text')}</p>
          </li>
          <li>
            <h3>{t('home.card.places.title')}</h3>
            <p>{t('home.card.places.text')}</p>
          </li>
        </ul>
      </section>
    </>
  );
}
