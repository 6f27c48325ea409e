/**
 * src/parts/bundled-signals.ts, the script-tag chunk's stand-in for @preact/signals: a component
 * that read a signal while rendering re-renders when it changes; one that stopped reading it, or
 * unmounted, does not; reads outside a render subscribe nothing. Real Preact, real Chromium.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { signal } from '../../src/parts/bundled-signals.js';

/** Lets Preact flush its render queue (it batches on a microtask). */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the chunk signals', () => {
  it('re-renders the components that read a signal, once per batch of writes', async () => {
    const count = signal(0);
    const other = signal('a');
    const renders = { counter: 0, bystander: 0 };
    const Counter = () => {
      renders.counter++;
      return <output>{count.value}</output>;
    };
    const Bystander = () => {
      renders.bystander++;
      return <i>{other.peek()}</i>;
    };
    const host = document.createElement('div');
    render(
      <>
        <Counter />
        <Bystander />
      </>,
      host,
    );
    expect(host.querySelector('output')!.textContent).toBe('0');
    count.value = 1;
    count.value = 2;
    await flush();
    expect(host.querySelector('output')!.textContent).toBe('2');
    expect(renders).toEqual({ counter: 2, bystander: 1 });
    // peek() subscribes nothing; an equal value changes nothing.
    other.value = 'b';
    count.value = 2;
    await flush();
    expect(renders).toEqual({ counter: 2, bystander: 1 });
    render(null, host);
  });

  it('drops a component that no longer reads the signal, and one that unmounted', async () => {
    const shown = signal(true);
    const text = signal('x');
    let reads = 0;
    const Maybe = () => {
      reads++;
      return shown.value ? <b>{text.value}</b> : null;
    };
    const host = document.createElement('div');
    render(<Maybe />, host);
    shown.value = false;
    await flush();
    expect(reads).toBe(2);
    // It read `text` in its first render: the next change of `text` renders it once more (that
    // render reads no `text`), and from then on `text` leaves it alone.
    text.value = 'y';
    await flush();
    expect(reads).toBe(3);
    text.value = 'y2';
    await flush();
    expect(reads).toBe(3);
    shown.value = true;
    await flush();
    expect(host.textContent).toBe('y2');
    expect(reads).toBe(4);
    render(null, host);
    text.value = 'z';
    shown.value = false;
    await flush();
    expect(reads).toBe(4);
    expect(host.textContent).toBe('');
  });

  it('reads in event handlers and effects after a render subscribe nothing', async () => {
    const value = signal(1);
    let renders = 0;
    let seen = 0;
    const Button = () => {
      renders++;
      return <button onClick={() => (seen = value.value)}>go</button>;
    };
    const host = document.createElement('div');
    document.body.append(host);
    render(<Button />, host);
    host.querySelector('button')!.click();
    value.value = 5;
    await flush();
    expect(seen).toBe(1);
    expect(renders).toBe(1);
    render(null, host);
    host.remove();
  });
});
