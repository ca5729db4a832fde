import type { RiskLevel } from '../gql/graphql';
import { useI18n } from '../i18n';

// Level colours: low green, medium yellow, high orange, critical red. Text colours keep a
// contrast of at least 4.5:1 on their tint; `solid` is for charts.
export const LEVEL_COLOURS: Record<RiskLevel, { name: string; fg: string; bg: string; solid: string }> = {
  LOW: { name: 'green', fg: '#1b6b2f', bg: '#e2f3e6', solid: '#2e9e4f' },
  MEDIUM: { name: 'yellow', fg: '#6b5200', bg: '#fff1b8', solid: '#e8c21d' },
  HIGH: { name: 'orange', fg: '#8a3a00', bg: '#ffe1c7', solid: '#f07d1a' },
  CRITICAL: { name: 'red', fg: '#9c1118', bg: '#fde0df', solid: '#d62828' },
};

export function levelOfScore(score: number): RiskLevel {
  if (score <= 30) return 'LOW';
  if (score <= 50) return 'MEDIUM';
  if (score <= 70) return 'HIGH';
  return 'CRITICAL';
}

export function LevelBadge({ level, score }: { level: RiskLevel; score?: number | null }) {
  const { t } = useI18n();
  const c = LEVEL_COLOURS[level];
  return (
    <span className={`badge level-${level.toLowerCase()}`} style={{ color: c.fg, background: c.bg }} data-level={level}>
      <span className="badge-dot" style={{ background: c.solid }} aria-hidden="true" />
      {score != null ? `${score} · ` : ''}
      {t(`level.${level}`)}
    </span>
  );
}

export function ScoreDial({ score, level }: { score: number; level: RiskLevel }) {
  const { t } = useI18n();
  const c = LEVEL_COLOURS[level];
  return (
    <div className="score-dial" style={{ borderColor: c.solid, background: c.bg }} data-level={level}>
      <span className="score-value" style={{ color: c.fg }}>
        {score}
      </span>
      <span className="score-level" style={{ color: c.fg }}>
        {t(`level.${level}`)}
      </span>
    </div>
  );
}
