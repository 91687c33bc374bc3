/**
 * Keeps one panel's drawing error to that panel: it says what failed and offers to try again,
 * and the rest of the app (the notices with their Undo, the trained network) stays. Without it a
 * throw in one panel blanked the whole page.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** The panel's name, as the message says it. */
  name: string;
  children: ReactNode;
}

export class PanelBoundary extends Component<Props, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          The {this.props.name} could not be drawn ({error.message}). The rest of the app, and your network, are
          unaffected.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
