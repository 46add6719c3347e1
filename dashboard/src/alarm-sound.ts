/**
 * The audible alert of a critical case: a two-tone beep every 1.5 s, generated with Web Audio (no sound
 * file to fetch). Browsers allow sound only after a user gesture; the login click provides it.
 */
export class AlarmSound {
  private ctx: AudioContext | null = null;
  private timer: number | null = null;

  unlock(): void {
    try {
      this.ctx ??= new AudioContext();
      void this.ctx.resume();
    } catch {
      this.ctx = null; // no audio device: the flashing banner still shows
    }
  }

  set(on: boolean): void {
    if (on && this.timer === null) {
      this.beep();
      this.timer = window.setInterval(() => this.beep(), 1500);
    } else if (!on && this.timer !== null) {
      window.clearInterval(this.timer);
      this.timer = null;
    }
    document.documentElement.dataset.alarm = on ? 'on' : 'off';
  }

  private beep(): void {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    [880, 660].forEach((f, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = f;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      const at = ctx.currentTime + i * 0.25;
      osc.start(at);
      osc.stop(at + 0.2);
    });
  }
}
