import { useEffect, useId, useRef } from 'react';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation (native `<dialog>` as an `alertdialog`): focus starts on Cancel, Esc
 * cancels, and only the explicit button confirms.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, message, onConfirm, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) {
      node.showModal();
      cancel.current?.focus();
    } else if (!open && node.open) {
      node.close();
    }
  }, [open]);
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
          onCancel();
        }
      }}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <div className="ak-dialog__header">
        <h2 id={`${id}-title`} className="ak-dialog__title">
          {title}
        </h2>
      </div>
      <p id={`${id}-message`} className="ak-dialog__body">
        {message}
      </p>
      <div className="ak-dialog__footer">
        <button ref={cancel} type="button" className="ak-button" onClick={onCancel}>
          {props.cancelLabel}
        </button>
        <button type="button" className="ak-button ak-button--danger" onClick={onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
