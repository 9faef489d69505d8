// The one date/time format lives in ui/time; these names stay for the views that import them from here.
export { formatDateTime as formatDate, formatDay } from '../ui/time';
