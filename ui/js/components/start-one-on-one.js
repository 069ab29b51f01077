// The "Start a 1-on-1" dialog, opened from a person's page (and later from
// the Due list).

import * as api from '../api.js';
import { field, formDialog } from './dialog.js';
import { h, isoDate, nextHalfHour } from '../dom.js';

/**
 * @param {import('../api.js').Person} person
 * @param {(meeting: import('../api.js').OneOnOne) => void} onStarted
 */
export async function openStartDialog(person, onStarted) {
  const templates = await api.listTemplates();
  const date = h('input', { type: 'date', value: isoDate(new Date()), required: true });
  const time = h('input', { type: 'time', value: nextHalfHour(), step: 300, required: true });
  const template = h('select', {},
    h('option', { value: '', text: 'No template' }),
    templates.map((t) => h('option', { value: t.id, selected: t.name === 'Weekly', text: `${t.name} (${t.prompts.length} prompts)` })));
  formDialog({
    id: 'start-one-on-one',
    title: `Start a 1-on-1 with ${person.name}`,
    description: 'Open talking points from earlier 1-on-1s and open action items come along on their own.',
    fields: [
      h('div', { class: 'form-grid' },
        field('scheduled_on', 'Date', date),
        field('scheduled_at', 'Time', time)),
      field('template_id', 'Agenda template', template, 'Its prompts are added as talking points.'),
    ],
    submitLabel: 'Start 1-on-1',
    onSubmit: async (data) => {
      const meeting = await api.startOneOnOne(person.id, {
        scheduled_at: `${data.get('scheduled_on')}T${data.get('scheduled_at')}`,
        template_id: String(data.get('template_id') || '') || null,
      });
      onStarted(meeting);
    },
  });
}
