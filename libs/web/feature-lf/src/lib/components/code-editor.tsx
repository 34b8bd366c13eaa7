// CodeMirror 6 as a controlled React input: the text lives in React state; the editor reports every edit and
// takes outside changes (loading another LF or version) as one replacement of its document. CodeMirror and its
// JavaScript support are most of this screen's weight, so they are fetched when a code LF is first opened.
import type { EditorView } from 'codemirror';
import { useEffect, useRef, useState } from 'react';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The accessible name of the editing area. */
  label: string;
  invalid?: boolean;
  testId?: string;
}

export function CodeEditor({ value, onChange, label, invalid = false, testId }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The editor is created once; these refs let it see the latest props without being rebuilt.
  const latest = useRef({ value, onChange, label });

  useEffect(() => {
    latest.current = { value, onChange, label };
  }, [value, onChange, label]);

  useEffect(() => {
    let cancelled = false;
    let editor: EditorView | null = null;
    Promise.all([import('codemirror'), import('@codemirror/lang-javascript')])
      .then(([{ basicSetup, EditorView }, { javascript }]) => {
        if (cancelled || !host.current) return;
        editor = new EditorView({
          doc: latest.current.value,
          parent: host.current,
          extensions: [
            basicSetup,
            javascript(),
            EditorView.lineWrapping,
            EditorView.contentAttributes.of({ 'aria-label': latest.current.label }),
            EditorView.updateListener.of((update) => {
              if (update.docChanged) latest.current.onChange(update.state.doc.toString());
            }),
          ],
        });
        view.current = editor;
      })
      .catch(() => setLoadError('The code editor could not be loaded. Reload the page to try again.'));
    return () => {
      cancelled = true;
      editor?.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return (
    <>
      <div ref={host} className={invalid ? 'code-editor is-invalid' : 'code-editor'} data-testid={testId} />
      {loadError && <span className="field-error">{loadError}</span>}
    </>
  );
}
