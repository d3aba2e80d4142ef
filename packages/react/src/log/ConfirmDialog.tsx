import { useEffect, useId, useRef, useState } from 'react';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  /**
   * Text the reader must type before the confirm button works (e.g. the number of events to
   * delete); digits are compared without group separators. Defaults to none (a plain confirm).
   */
  typeToConfirm?: { text: string; label: string } | undefined;
  /**
   * The confirm button's look: `danger` for what cannot be undone (a delete), `primary` for a
   * repair (a restore). Defaults to `'danger'`.
   */
  tone?: 'danger' | 'primary';
  onConfirm(): void;
  onCancel(): void;
}

/** `1 234`, `1,234` and `1.234` all read as `1234`. */
const normalize = (text: string) => text.replace(/[\s,.'\u00a0\u202f]/g, '');

/**
 * A modal confirmation (native `<dialog>` as an `alertdialog`): focus starts on Cancel (or on the
 * box to type the confirmation into), Esc cancels, and only the explicit button confirms. Inside
 * another dialog (the detail drawer) its Escape, cancel and close stay its own: React passes a
 * dialog's events on to the dialogs around it, which would close the drawer too.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, message, typeToConfirm, tone = 'danger', onConfirm, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const id = useId();
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) {
      setTyped('');
      node.showModal();
      (input.current ?? cancel.current)?.focus();
    } else if (!open && node.open) {
      node.close();
    }
  }, [open]);
  const confirmed = !typeToConfirm || normalize(typed) === normalize(typeToConfirm.text);
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      className="ak-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onKeyDown={(key) => {
        // Synthetic key events (tests, assistive tech) do not fire the native cancel.
        if (key.key === 'Escape') {
          key.preventDefault();
          key.stopPropagation();
          onCancel();
        }
      }}
      onCancel={(event) => {
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
      onClose={(event) => event.stopPropagation()}
    >
      <div className="ak-dialog__header">
        <h2 id={`${id}-title`} className="ak-dialog__title">
          {title}
        </h2>
      </div>
      <form
        className="ak-dialog__body"
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed) onConfirm();
        }}
      >
        <p id={`${id}-message`} className="ak-dialog__message">
          {message}
        </p>
        {typeToConfirm ? (
          <>
            <label htmlFor={`${id}-typed`} className="ak-label">
              {typeToConfirm.label}
            </label>
            <input
              ref={input}
              id={`${id}-typed`}
              className="ak-input"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
            />
          </>
        ) : null}
      </form>
      <div className="ak-dialog__footer">
        <button ref={cancel} type="button" className="ak-button" onClick={onCancel}>
          {props.cancelLabel}
        </button>
        <button
          type="button"
          className={`ak-button ak-button--${tone}`}
          disabled={!confirmed}
          onClick={onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
