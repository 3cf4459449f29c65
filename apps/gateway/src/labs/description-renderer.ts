import { Injectable } from '@nestjs/common';
import type { Mp } from '@wb/common';
import MarkdownIt from 'markdown-it';

/**
 * Lab descriptions, rendered once per lab to an HTML fragment. Sanitized by construction:
 * raw HTML in the markdown is escaped (`html: false`), and markdown-it refuses `javascript:`,
 * `vbscript:`, `file:` and non-image `data:` links.
 */
@Injectable()
export class DescriptionRenderer {
  private readonly markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
  private readonly rendered = new Map<string, string>();

  render(mp: Mp): string {
    let html = this.rendered.get(mp.config.id);
    if (html === undefined) {
      html = this.markdown.render(mp.description);
      this.rendered.set(mp.config.id, html);
    }
    return html;
  }
}
