/**
 * The standalone script (`/orchestra-lab.js`): defines `<orchestra-lab>` on whatever page loads
 * it. Loading it twice (a second script tag, a client-side navigation back to our docs page)
 * is harmless.
 */
import { OrchestraLabElement } from './OrchestraLabElement';

export const TAG = 'orchestra-lab';

if (!customElements.get(TAG)) customElements.define(TAG, OrchestraLabElement);
