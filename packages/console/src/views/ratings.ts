// Đánh giá: the most-rated and top-rated items, votes per day over 30 days (an SVG chart with
// the same figures as a table), and an item's votes reset after a confirmation.
import { html, svg, nothing } from 'lit';
import type { DailyVotes, ItemRatingStats, RatingStatsList } from '@civic-widgets/contract';
import { t, formatNumber } from '../i18n.js';
import { View, columnHeads, confirmDialog, when } from '../ui.js';

type StatRow = ItemRatingStats;
type Day = DailyVotes['days'][number];

type Sort = 'most-rated' | 'top-rated';

export class ConsoleRatings extends View {
  static override properties = { ...View.properties, sort: { state: true }, rows: { state: true }, days: { state: true } };
  declare sort: Sort;
  declare rows: StatRow[] | null;
  declare days: Day[] | null;

  constructor() {
    super();
    this.sort = 'most-rated';
    this.rows = null;
    this.days = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const [list, daily] = await Promise.all([
      this.run(() => this.api.get<RatingStatsList>(`${this.sitePath('ratings')}?sort=${this.sort}&limit=20`)),
      this.days ? Promise.resolve({ days: this.days }) : this.run(() => this.api.get<DailyVotes>(`${this.sitePath('ratings-daily')}?days=30`)),
    ]);
    if (list) this.rows = list.items;
    if (daily) this.days = daily.days;
  }

  private choose(sort: Sort) {
    this.sort = sort;
    void this.load();
  }

  private async reset(row: StatRow) {
    if (!(await confirmDialog(t('resetConfirm', { count: row.count, item: row.item }), t('reset')))) return;
    await this.run(() => this.api.delete(this.sitePath('ratings', row.item)), t('saved'));
    this.days = null;
    await this.load();
  }

  private chart(days: Day[]) {
    const width = 600;
    const height = 160;
    const max = Math.max(1, ...days.map((d) => d.votes));
    const bar = width / Math.max(days.length, 1);
    const total = days.reduce((sum, d) => sum + d.votes, 0);
    return html`<figure class="chart">
      <p class="chart-max" aria-hidden="true">${formatNumber(max)}</p>
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="none">
        <title id="chart-title">${t('votesPerDay')}</title>
        <desc id="chart-desc">${t('votes')}: ${formatNumber(total)}; max ${formatNumber(max)}</desc>
        <line x1="0" y1="10" x2=${width} y2="10" class="grid"></line>
        <line x1="0" y1=${10 + (height - 10) / 2} x2=${width} y2=${10 + (height - 10) / 2} class="grid"></line>
        <line x1="0" y1=${height} x2=${width} y2=${height} class="axis"></line>
        ${days.map((d, i) => {
          const h = (d.votes / max) * (height - 10);
          return svg`<rect x=${i * bar + 2} y=${height - h} width=${Math.max(bar - 4, 1)} height=${h} class="bar"
            ><title>${d.date}: ${d.votes}</title></rect
          >`;
        })}
      </svg>
      <p class="chart-axis" aria-hidden="true"><span>${days[0]?.date ?? ''}</span><span>${days.at(-1)?.date ?? ''}</span></p>
      <figcaption>${t('votesPerDay')}</figcaption>
    </figure>
    <details>
      <summary>${t('showTable')}</summary>
      <div class="table-wrap" tabindex="0"><table>
        <caption class="visually-hidden">${t('votesPerDay')}</caption>
        ${columnHeads(t('date'), t('votes'))}
        <tbody>${days.map((d) => html`<tr><th scope="row">${d.date}</th><td class="num">${formatNumber(d.votes)}</td></tr>`)}</tbody>
      </table></div>
    </details>`;
  }

  override render() {
    const rows = this.rows;
    return html`
      <h1 tabindex="-1">${t('ratings')}</h1>
      <p>${t('ratingsIntro')}</p>
      ${this.messages()}
      <section class="panel">${this.days ? this.chart(this.days) : html`<p aria-busy="true">${t('loading')}</p>`}</section>
      <div class="segmented" role="group" aria-label=${t('ratings')}>
        <button
          type="button"
          aria-pressed=${this.sort === 'most-rated' ? 'true' : 'false'}
          @click=${() => this.choose('most-rated')}
        >${t('mostRated')}</button>
        <button
          type="button"
          aria-pressed=${this.sort === 'top-rated' ? 'true' : 'false'}
          @click=${() => this.choose('top-rated')}
        >${t('topRated')}</button>
      </div>
      ${
        rows === null
          ? nothing
          : rows.length === 0
            ? html`<p>${t('empty')}</p>`
            : html`<div class="table-wrap" tabindex="0"><table>
              <caption class="visually-hidden">${this.sort === 'most-rated' ? t('mostRated') : t('topRated')}</caption>
              ${columnHeads(t('item'), t('votes'), t('average'), t('lastVote'), t('actions'))}
              <tbody>
                ${rows.map(
                  (row) => html`<tr>
                    <th scope="row" class="break">${row.item}</th>
                    <td class="num">${formatNumber(row.count)}</td>
                    <td class="num">${formatNumber(row.average)} ★</td>
                    <td>${when(row.lastVoteAt, this.site.timeZone)}</td>
                    <td>
                      <button type="button" class="danger" @click=${() => this.reset(row)} aria-label=${`${t('reset')}: ${row.item}`}
                        >${t('reset')}</button
                      >
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
      }
    `;
  }
}

customElements.define('console-ratings', ConsoleRatings);
declare global {
  interface HTMLElementTagNameMap {
    'console-ratings': ConsoleRatings;
  }
}
