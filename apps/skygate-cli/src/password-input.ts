import { read } from 'read';

async function readAllStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text;
}

/**
 * A password for a script or a person: the first line of standard input when it is not a
 * terminal, otherwise a prompt that does not echo, asked twice.
 */
export async function readPassword(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!stdin.isTTY) {
    const password = (await readAllStdin(stdin)).split(/\r?\n/)[0];
    if (!password) throw new Error('no password on standard input');
    return password;
  }
  const password = await read({ prompt: 'Password: ', silent: true, replace: '' });
  const again = await read({ prompt: 'Again: ', silent: true, replace: '' });
  if (password !== again) throw new Error('the passwords differ');
  return password;
}
