import { render } from 'preact';
import { App } from './App';
import './styles.css';

render(<App layout="popup" />, document.getElementById('app')!);
