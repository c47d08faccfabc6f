import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { strings } from '../shared/i18n';
import { createCounterApi } from './api';
import { ClerkApp } from './clerk/ClerkApp';
import './theme.css';
import './components/components.css';
import './clerk/clerk.css';

// The CSP forbids eval: tell zod not to probe for it (the caught probe would
// still be reported as a CSP violation on the console).
z.config({ jitless: true });

document.title = strings.appTitle;

const root = document.getElementById('root');
if (root) {
  const { api, connection } = createCounterApi();
  createRoot(root).render(
    <StrictMode>
      <ClerkApp api={api} connection={connection} />
    </StrictMode>,
  );
}
