// The text of a file in the Sources view: a script as the target runs it, or an original file
// from its source map (embedded) or from disk beside it.
import type { SourceText } from '../../shared/debuggerTypes'
import { UserError } from '../../shared/userError'
import { readOriginalText } from '../sourcemaps'
import type { CdpClient } from '../targets'
import type { ScriptRegistry } from './scriptRegistry'
import { languageOf } from './sourceGroups'

export async function readSourceText(cdp: CdpClient, scripts: ScriptRegistry, url: string | undefined, scriptId: string | undefined): Promise<SourceText> {
  await scripts.settled()
  if (scriptId !== undefined || (url !== undefined && scripts.scriptsWithUrl(url).length > 0)) {
    const script = scriptId !== undefined ? scripts.get(scriptId) : scripts.scriptsWithUrl(url!).at(-1)
    if (!script) throw new UserError('BAD_REQUEST', `no script ${scriptId ?? url} in this target`)
    const response = await cdp.send('Debugger.getScriptSource', { scriptId: script.scriptId }).catch((error: Error) => {
      throw new UserError('TARGET_EXITED', `cannot read the script: ${error.message}`)
    })
    return { url: script.url, text: response.scriptSource, language: languageOf(script.url), kind: 'script' }
  }
  const generated = scripts.scriptsOfOriginal(url!)[0]
  if (!generated) throw new UserError('BAD_REQUEST', `no file ${url} in this target`)
  const text = generated.map?.contentOf(url!) ?? (await readOriginalText(url!))
  if (text === null) throw new UserError('BAD_REQUEST', `the text of ${url} is neither in its source map nor on disk`)
  return { url: url!, text, language: languageOf(url!), kind: 'original' }
}
