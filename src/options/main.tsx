import { render } from 'preact';
import { App } from '../popup/App';
import '../popup/styles.css';

// The options page is the same app in a full tab: roomier for onboarding and settings.
render(<App layout="page" />, document.getElementById('app')!);
