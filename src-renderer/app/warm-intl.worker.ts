// Loads the locale's ICU data (the first Intl formatter a page creates costs its thread 50–100 ms in Chromium).
// ICU's caches are the renderer process's, not the thread's: warmed here, on another core, while the page's thread
// asks main for the first view and compiles the app, the app's own formatters (ui/time.tsx, money/) find them warm
// instead of paying inside the first render.
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(0);
new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(1, 'day');
new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(0);
self.close();
