// Base styles first, so a feature's stylesheet wins over them at equal specificity.
import './app/styles.css';
import { askFirstViewAhead } from './app/ask-ahead';

// The entry is this small so that it runs at once and the first view's data is asked for while the app's code
// (React, the shell, the view; preloaded from the HTML) downloads and compiles, instead of after it has run. The
// app runs once the first page is asked for: running it holds the page's thread, and the session's answer,
// waiting behind it, would hold up the first page's request.
void askFirstViewAhead().then(() => import('./app/start'));
