import type { Theme } from '../shared/api';

// 'system' leaves the choice to prefers-color-scheme in styles.css.
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  localStorage.setItem('emissary-theme', theme);
}

/** Applied before the first render, so a dark-mode user never sees a white flash. */
export function applyStoredTheme(): void {
  const stored = localStorage.getItem('emissary-theme');
  if (stored === 'light' || stored === 'dark') document.documentElement.dataset.theme = stored;
}
