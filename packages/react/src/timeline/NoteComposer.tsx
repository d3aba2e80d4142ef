import { MAX_NOTE_LENGTH } from '@activitykit/schema';
import { type FormEvent, type KeyboardEvent, type ReactNode, useId, useState } from 'react';
import { useAddNote } from '../data/mutations.ts';
import type { ActivityPermissions } from '../data/source.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { cx } from '../internal/cx.ts';
import { initials } from '../internal/eventText.ts';

/** Props of {@link NoteComposer}. */
export interface NoteComposerProps {
  /** The record the note is about, `type:id`. */
  record: string;
  /** Who will be stamped as the author (the server stamps it; this only shows it). */
  author: ActivityPermissions['actor'];
  /** Longest note. Defaults to `5000`, the most the servers accept (schema's `MAX_NOTE_LENGTH`). */
  maxLength?: number;
  /** The record's tenant, for readers whose scope spans several. Defaults to none. */
  tenantId?: string | undefined;
  className?: string | undefined;
}

/**
 * A form that adds a time-stamped note to a record, stamped with the signed-in author by the
 * server. Saved notes are read-only: they appear in the timeline with no way to edit them.
 * Ctrl/⌘+Enter submits.
 */
export function NoteComposer({
  record,
  author,
  maxLength = MAX_NOTE_LENGTH,
  tenantId,
  className,
}: NoteComposerProps): ReactNode {
  const { t } = useActivityI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState(false);
  const addNote = useAddNote();
  const text = body.trim();
  const tooLong = text.length > maxLength;
  const name = author?.name ?? author?.id;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text || tooLong || addNote.isPending) return;
    setSaved(false);
    addNote.mutate(
      { ref: record, body: text, ...(tenantId ? { tenantId } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setSaved(true);
        },
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <form
      className={cx('ak-composer', className)}
      onSubmit={submit}
      aria-labelledby={`${id}-label`}
    >
      <label id={`${id}-label`} htmlFor={`${id}-body`} className="ak-label">
        {t('timeline.noteLabel')}
      </label>
      <textarea
        id={`${id}-body`}
        className="ak-textarea"
        value={body}
        placeholder={t('timeline.notePlaceholder')}
        onChange={(event) => {
          setBody(event.target.value);
          setSaved(false);
        }}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-author ${id}-count`}
        rows={3}
      />
      <div className="ak-composer__footer">
        {name ? (
          <span id={`${id}-author`} className="ak-composer__author">
            <span className="ak-avatar" aria-hidden="true">
              {initials(name)}
            </span>
            {t('timeline.noteAs', { name })}
          </span>
        ) : (
          <span id={`${id}-author`} />
        )}
        <span
          dir="ltr"
          id={`${id}-count`}
          className={cx('ak-composer__count', tooLong && 'ak-composer__count--over')}
        >
          {tooLong
            ? t('timeline.noteTooLong', { max: maxLength })
            : t('timeline.noteCount', { count: text.length, max: maxLength })}
        </span>
        <button
          type="submit"
          className="ak-button ak-button--primary"
          disabled={!text || tooLong || addNote.isPending}
        >
          <Icon name="send" />{' '}
          {addNote.isPending ? t('timeline.noteSaving') : t('timeline.noteSave')}
        </button>
      </div>
      {addNote.error ? (
        <p role="alert" className="ak-field-error">
          {t('timeline.noteError', { message: addNote.error.message })}
        </p>
      ) : null}
      <p role="status" className="ak-visually-hidden">
        {saved ? t('timeline.noteSaved') : ''}
      </p>
    </form>
  );
}
