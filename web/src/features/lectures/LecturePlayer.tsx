import { AudioOutlined, FullscreenOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Select, Space, Switch, Tooltip, Typography } from 'antd';
import Hls from 'hls.js';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getAccessToken } from '../../api/client';
import { formatTime, useProgressReporter, type PlaybackView } from './queries';

const SPEEDS = [0.75, 1, 1.25, 1.5, 2];
const SPEED_KEY = 'mumian.lecture.speed';
const SAVER_KEY = 'mumian.lecture.dataSaver';
const HEARTBEAT_MS = 5000;

function stored<T>(key: string, fallback: T, ok: (v: unknown) => boolean): T {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    return ok(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

interface Level {
  index: number;
  height: number;
  name: string;
}

/**
 * hls.js player: quality (Auto + rungs), speed 0.75–2× (remembered), captions, chapter markers
 * with titles on the timeline, storyboard previews while scrubbing, keyboard shortcuts, full
 * screen, data saver (starts at the lowest rung), audio-only mode, resume and progress heartbeats.
 */
export function LecturePlayer({ pb }: { pb: PlaybackView }) {
  const { t } = useTranslation(['lectures', 'common']);
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const hls = useRef<Hls | null>(null);
  const [levels, setLevels] = useState<Level[]>([]);
  const [level, setLevel] = useState(-1);
  const [playingLevel, setPlayingLevel] = useState<number | null>(null);
  const [speed, setSpeed] = useState<number>(() => stored(SPEED_KEY, 1, (v) => SPEEDS.includes(v as number)));
  const [saver, setSaver] = useState<boolean>(() => stored(SAVER_KEY, false, (v) => typeof v === 'boolean'));
  const [audioOnly, setAudioOnly] = useState(false);
  const [captions, setCaptions] = useState<string | null>(null);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(pb.episode.durationS ?? 0);
  const [hover, setHover] = useState<{ x: number; t: number; w: number } | null>(null);
  const [resumed, setResumed] = useState<number | null>(null);
  const played = useRef(0);
  const lastT = useRef<number | null>(null);
  const episodeId = pb.episode.id;

  // ---- source ----
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const src = new URL(audioOnly && pb.audioOnlyUrl ? pb.audioOnlyUrl : pb.masterUrl, window.location.origin).toString();
    const resumeAt = hls.current ? v.currentTime : pb.resumeAt;
    const seekOnce = () => {
      if (resumeAt > 1 && resumeAt < (v.duration || Infinity) - 1) {
        v.currentTime = resumeAt;
        if (!hls.current || !audioOnly) setResumed(resumeAt);
      }
    };
    v.addEventListener('loadedmetadata', seekOnce, { once: true });
    if (Hls.isSupported()) {
      const h = new Hls({
        startLevel: saver ? 0 : -1,
        capLevelToPlayerSize: !saver,
        xhrSetup: (xhr, url) => {
          // only our API gets the token; segment URLs are presigned object-store URLs
          if (url.startsWith(`${window.location.origin}/api/`))
            xhr.setRequestHeader('Authorization', `Bearer ${getAccessToken() ?? ''}`);
        },
      });
      hls.current = h;
      h.on(Hls.Events.MANIFEST_PARSED, () => {
        const ls = h.levels.map((l, index) => ({
          index,
          height: l.height,
          name: l.name || (l.height ? `${l.height}p` : 'audio'),
        }));
        setLevels(ls.filter((l) => l.height > 0).sort((a, b) => b.height - a.height));
        if (saver) h.autoLevelCapping = 0;
        setLevel(-1);
      });
      h.on(Hls.Events.LEVEL_SWITCHED, (_e, d) => setPlayingLevel(d.level));
      h.loadSource(src);
      h.attachMedia(v);
      return () => {
        h.destroy();
        hls.current = null;
      };
    }
    // Safari / iOS (and browsers without Media Source): the native player cannot send our token,
    // so it gets the signed link, which carries its own proof and stays relative under it
    if (v.canPlayType('application/vnd.apple.mpegurl'))
      v.src = new URL(
        audioOnly && pb.linkAudioOnlyUrl ? pb.linkAudioOnlyUrl : pb.linkMasterUrl,
        window.location.origin,
      ).toString();
    return undefined;
    // the signed link changes with every refetch of the playback info; following it would restart the video
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pb.masterUrl, pb.audioOnlyUrl, pb.resumeAt, audioOnly, saver]);

  useEffect(() => {
    if (video.current) video.current.playbackRate = speed;
    localStorage.setItem(SPEED_KEY, JSON.stringify(speed));
  }, [speed]);

  const chooseLevel = (l: number) => {
    setLevel(l);
    if (hls.current) {
      hls.current.autoLevelCapping = -1;
      hls.current.currentLevel = l;
    }
  };

  const toggleSaver = (on: boolean) => {
    setSaver(on);
    localStorage.setItem(SAVER_KEY, JSON.stringify(on));
  };

  // ---- captions ----
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    for (const track of Array.from(v.textTracks)) track.mode = track.language === captions ? 'showing' : 'disabled';
  }, [captions]);

  // ---- progress heartbeats ----
  const report = useProgressReporter(episodeId);
  const send = useCallback(
    (keepalive = false) => {
      const v = video.current;
      if (!v || (played.current < 0.5 && !keepalive)) return;
      const body = { position: Math.round(v.currentTime * 10) / 10, played: Math.min(600, Math.round(played.current * 10) / 10) };
      played.current = 0;
      report(body, keepalive);
    },
    [report],
  );
  useEffect(() => {
    const timer = setInterval(() => send(), HEARTBEAT_MS);
    const hide = () => send(true);
    window.addEventListener('pagehide', hide);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', hide);
      send(true);
    };
  }, [send]);

  const onTime = () => {
    const v = video.current!;
    setTime(v.currentTime);
    if (!v.paused && lastT.current !== null) {
      const d = v.currentTime - lastT.current;
      if (d > 0 && d < 1.5 * Math.max(1, v.playbackRate)) played.current += d / v.playbackRate;
    }
    lastT.current = v.currentTime;
  };

  // ---- controls ----
  const seek = (s: number) => {
    const v = video.current;
    if (!v) return;
    v.currentTime = Math.max(0, Math.min(s, (v.duration || duration) - 0.1));
    lastT.current = v.currentTime;
  };
  const fullscreen = () => {
    const el = box.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void el.requestFullscreen?.().catch(() => undefined);
  };
  const onKey = (e: ReactKeyboardEvent) => {
    const v = video.current;
    if (!v || (e.target as HTMLElement).closest('input, textarea, .ant-select')) return;
    const k = e.key;
    const handled = true;
    if (k === ' ' || k === 'k') void (v.paused ? v.play() : v.pause());
    else if (k === 'ArrowLeft') seek(v.currentTime - 5);
    else if (k === 'ArrowRight') seek(v.currentTime + 5);
    else if (k === 'j') seek(v.currentTime - 10);
    else if (k === 'l') seek(v.currentTime + 10);
    else if (k === 'ArrowUp') v.volume = Math.min(1, v.volume + 0.1);
    else if (k === 'ArrowDown') v.volume = Math.max(0, v.volume - 0.1);
    else if (k === 'm') v.muted = !v.muted;
    else if (k === 'f') fullscreen();
    else if (k === 'c' && pb.captions.length) setCaptions((c) => (c ? null : pb.captions[0].lang));
    else if (k === '>' || k === '.') setSpeed((s) => SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(s) + 1)]);
    else if (k === '<' || k === ',') setSpeed((s) => SPEEDS[Math.max(0, SPEEDS.indexOf(s) - 1)]);
    else return;
    if (handled) e.preventDefault();
  };

  // ---- timeline with chapters and storyboard ----
  const sb = pb.storyboard;
  const tile = useMemo(() => {
    if (!sb || !hover) return null;
    const i = Math.min(sb.count - 1, Math.floor(hover.t / sb.interval));
    const scale = 1;
    return {
      backgroundImage: `url(${sb.url})`,
      backgroundPosition: `-${(i % sb.columns) * sb.tileWidth * scale}px -${Math.floor(i / sb.columns) * sb.tileHeight * scale}px`,
      width: sb.tileWidth,
      height: sb.tileHeight,
    };
  }, [sb, hover]);
  const chapterAt = (s: number) => [...pb.episode.markers].reverse().find((m) => m.at <= s);
  const onBar = (e: React.MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.max(0, Math.min(r.width, e.clientX - r.left));
    return { x, t: duration ? (x / r.width) * duration : 0, w: r.width };
  };

  const current = levels.find((l) => l.index === playingLevel);
  // keep the preview inside the timeline
  const half = (sb?.tileWidth ?? 80) / 2 + 2;
  return (
    <div className="lecture-player" ref={box} tabIndex={0} onKeyDown={onKey} data-testid="lecture-player">
      <video
        ref={video}
        className="lecture-video"
        controls
        playsInline
        crossOrigin="anonymous"
        poster={pb.posterUrl ?? undefined}
        onTimeUpdate={onTime}
        onLoadedMetadata={(e) => {
          setDuration(e.currentTarget.duration || duration);
          e.currentTarget.playbackRate = speed;
        }}
        onRateChange={(e) => {
          const r = e.currentTarget.playbackRate;
          if (SPEEDS.includes(r) && r !== speed) setSpeed(r);
        }}
        onPause={() => send()}
        onSeeking={() => (lastT.current = null)}
        data-testid="lecture-video"
      >
        {pb.captions.map((c) => (
          <track key={c.lang} kind="subtitles" src={c.url} srcLang={c.lang} label={c.label} />
        ))}
      </video>
      <div
        className="lecture-timeline"
        data-testid="lecture-timeline"
        onMouseMove={(e) => setHover(onBar(e))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => seek(onBar(e).t)}
      >
        <div className="lecture-timeline-fill" style={{ width: duration ? `${(time / duration) * 100}%` : 0 }} />
        {pb.episode.markers.map((m, i) => (
          <Tooltip key={i} title={`${formatTime(m.at)} ${m.title}`}>
            <button
              type="button"
              className="lecture-marker"
              data-testid={`marker-${i}`}
              aria-label={`${formatTime(m.at)} ${m.title}`}
              style={{ left: duration ? `${(m.at / duration) * 100}%` : 0 }}
              onClick={(e) => {
                e.stopPropagation();
                seek(m.at);
              }}
            />
          </Tooltip>
        ))}
        {hover && (
          <div className="lecture-preview" style={{ left: Math.max(half, Math.min(hover.w - half, hover.x)) }}>
            {tile && <div className="lecture-preview-tile" style={tile} data-testid="storyboard-preview" />}
            <div className="lecture-preview-text">
              {formatTime(hover.t)}
              {chapterAt(hover.t) ? ` · ${chapterAt(hover.t)!.title}` : ''}
            </div>
          </div>
        )}
      </div>
      <div className="lecture-controls">
        <Space wrap size="small">
          <span>{t('player.quality')}</span>
          <Select
            size="small"
            data-testid="quality"
            style={{ width: 130 }}
            value={level}
            disabled={audioOnly}
            onChange={chooseLevel}
            options={[
              {
                value: -1,
                label: level === -1 && current ? `${t('player.auto')} (${current.name})` : t('player.auto'),
              },
              ...levels.map((l) => ({ value: l.index, label: l.name })),
            ]}
          />
          <span>{t('player.speed')}</span>
          <Select
            size="small"
            data-testid="speed"
            style={{ width: 84 }}
            value={speed}
            onChange={setSpeed}
            options={SPEEDS.map((s) => ({ value: s, label: `${s}×` }))}
          />
          {pb.captions.length > 0 && (
            <Select
              size="small"
              style={{ width: 110 }}
              value={captions ?? ''}
              onChange={(v) => setCaptions(v || null)}
              options={[
                { value: '', label: t('player.captionsOff') },
                ...pb.captions.map((c) => ({ value: c.lang, label: c.label })),
              ]}
            />
          )}
          <Tooltip title={t('player.dataSaverHint')}>
            <Space size={4}>
              <ThunderboltOutlined />
              <Switch size="small" checked={saver} onChange={toggleSaver} />
              <span>{t('player.dataSaver')}</span>
            </Space>
          </Tooltip>
          {pb.audioOnlyUrl && (
            <Button
              size="small"
              icon={<AudioOutlined />}
              type={audioOnly ? 'primary' : 'default'}
              onClick={() => setAudioOnly((a) => !a)}
            >
              {t('player.audioOnly')}
            </Button>
          )}
          <Button size="small" icon={<FullscreenOutlined />} onClick={fullscreen} aria-label={t('player.fullscreen')} />
        </Space>
        {resumed !== null && (
          <Typography.Text type="secondary" data-testid="resumed">
            {t('player.resumed', { time: formatTime(resumed) })}
          </Typography.Text>
        )}
      </div>
      <Typography.Text type="secondary" className="lecture-keys">
        {t('player.keys')}
      </Typography.Text>
    </div>
  );
}
