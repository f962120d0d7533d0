import { useEffect, useRef, useState } from 'react';
import { HostNotice } from './components/HostNotice';
import { StatusPill } from './features/connection/StatusPill';
import { LogPanel } from './features/log/LogPanel';
import { DraftProvider } from './features/message/draft';
import { UnfinishedBanner } from './features/history/UnfinishedBanner';
import { UpdateBanner } from './features/updates/UpdateBanner';
import { CampaignBadge, useActiveCampaign } from './features/send/CampaignBadge';
import { screens, type ScreenKey } from './screens';
import { useAppInfo, useWaStatus } from './hooks';
import { useT } from './i18n';

export function App() {
  const t = useT();
  const [screen, setScreenState] = useState<ScreenKey>('connection');
  const status = useWaStatus();
  const info = useAppInfo();
  const active = useActiveCampaign();
  // The app opens on Send while a campaign is going (after a reload or a restart), unless the operator moved first.
  const moved = useRef(false);
  const setScreen = (key: ScreenKey) => {
    moved.current = true;
    setScreenState(key);
  };
  useEffect(() => {
    if (active.loaded && active.campaign && !moved.current) setScreenState('send');
  }, [active.loaded]);
  const Active = screens[screen].component;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('app.brand')}</span>
        {info?.demo && (
          <span className="demo-badge" title={t('app.demo.title')}>
            {t('app.demo.badge')}
          </span>
        )}
        <span className="spacer" />
        <CampaignBadge campaign={active.campaign} onOpen={() => setScreen('send')} current={screen === 'send'} />
        <StatusPill status={status} />
      </header>
      <nav className="sidebar" aria-label={t('app.nav.label')}>
        {(Object.keys(screens) as ScreenKey[]).map((key) => (
          <button
            key={key}
            className={key === screen ? 'nav-item active' : 'nav-item'}
            aria-current={key === screen ? 'page' : undefined}
            onClick={() => setScreen(key)}
          >
            {t(screens[key].title)}
          </button>
        ))}
      </nav>
      <main className="content">
        {screen !== 'history' && <UnfinishedBanner onOpen={() => setScreen('history')} />}
        <UpdateBanner />
        <DraftProvider>
          <Active status={status} info={info} go={setScreen} />
        </DraftProvider>
      </main>
      <LogPanel />
      <HostNotice />
    </div>
  );
}
