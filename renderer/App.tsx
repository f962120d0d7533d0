import { useState } from 'react';
import { HostNotice } from './components/HostNotice';
import { StatusPill } from './features/connection/StatusPill';
import { LogPanel } from './features/log/LogPanel';
import { DraftProvider } from './features/message/draft';
import { UnfinishedBanner } from './features/history/UnfinishedBanner';
import { UpdateBanner } from './features/updates/UpdateBanner';
import { screens, type ScreenKey } from './screens';
import { useAppInfo, useWaStatus } from './hooks';

export function App() {
  const [screen, setScreen] = useState<ScreenKey>('connection');
  const status = useWaStatus();
  const info = useAppInfo();
  const Active = screens[screen].component;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">WA Bulk Sender</span>
        {info?.demo && (
          <span className="demo-badge" title="Simulated WhatsApp: nothing is really sent">
            DEMO
          </span>
        )}
        <span className="spacer" />
        <StatusPill status={status} />
      </header>
      <nav className="sidebar" aria-label="Sections">
        {(Object.keys(screens) as ScreenKey[]).map((key) => (
          <button
            key={key}
            className={key === screen ? 'nav-item active' : 'nav-item'}
            aria-current={key === screen ? 'page' : undefined}
            onClick={() => setScreen(key)}
          >
            {screens[key].title}
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
