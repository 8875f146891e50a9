// A progress bar for long CLI runs, drawn on stderr only when it is a terminal (a pipe or a
// log gets the final line alone). The line itself is a pure function of the figures.

export interface ProgressFigures {
  /** Statements so far. */
  count: number;
  /** How far along, 0..1, when the total is known (bytes of a file, rows of a tenant). */
  fraction?: number;
  elapsedMs: number;
}

const barWidth = 24;

function seconds(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return total >= 60
    ? `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`
    : `${total}s`;
}

export function progressLine(verb: string, figures: ProgressFigures): string {
  const rate = figures.elapsedMs > 0 ? (figures.count * 1000) / figures.elapsedMs : 0;
  const counted = `${verb} ${figures.count.toLocaleString('en')} statements, ${Math.round(rate).toLocaleString('en')}/s`;
  if (figures.fraction === undefined) return `${counted}, ${seconds(figures.elapsedMs)}`;
  const fraction = Math.min(1, Math.max(0, figures.fraction));
  const filled = Math.round(fraction * barWidth);
  const remainingMs = fraction > 0 ? (figures.elapsedMs * (1 - fraction)) / fraction : NaN;
  const eta = Number.isFinite(remainingMs) ? `, ${seconds(remainingMs)} left` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${counted}${eta}`;
}

export interface ProgressBar {
  update(figures: Omit<ProgressFigures, 'elapsedMs'>): void;
  /** The last line, kept on screen (or written once when stderr is not a terminal). */
  done(figures: Omit<ProgressFigures, 'elapsedMs'>): void;
}

/** Redraws at most every 100 ms. */
export function startProgressBar(
  verb: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const started = performance.now();
  let drawnAt = 0;
  const draw = (figures: Omit<ProgressFigures, 'elapsedMs'>, end: string) => {
    const line = progressLine(verb, { ...figures, elapsedMs: performance.now() - started });
    stream.write(stream.isTTY ? `\r\x1b[2K${line}${end}` : `${line}\n`);
  };
  return {
    update(figures) {
      if (!stream.isTTY) return;
      const now = performance.now();
      if (now - drawnAt < 100) return;
      drawnAt = now;
      draw(figures, '');
    },
    done(figures) {
      draw(figures, '\n');
    },
  };
}
