import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { CAPTURE_DATASET_TAG, CaptureIngestService } from '@app/archive';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina } from '../helpers/equipment/equipment-client';

/** Issue Archive item 6: Equipment's camera captures (equipment.capture-saved) filed in the archive without a second copy. */
describe('Equipment captures filed in the archive', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let api: ReturnType<typeof nina>;
  let admin: TestUser;
  let profileTelescope: { uuid: string };
  let domeTelescope: { uuid: string };

  const bearer = () => ({ ...REMOTE, Authorization: `Bearer ${admin.token}` });
  const archive = async (path: string) => (await http.get(path).set(bearer()).expect(200)).body;
  /** Takes a picture through the N.I.N.A. API and waits until the archive has dealt with it. */
  const capture = async (targetName: string) => {
    await api.ok('equipment/camera/capture', { duration: 0.05, imageType: 'LIGHT', targetName, waitForResult: true });
    await t.app.get(CaptureIngestService).idle();
    const [latest]: { Filename: string }[] = await api.ok('image-history'); // the last saved image
    return latest.Filename;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    http = request(t.app.getHttpServer());
    api = nina(t.app);
    admin = await createUser(t.app, 'curator', { admin: true });
    const site = (await http.post('/observingsites/').set(bearer()).send({ name: 'Backyard', coordinates: { longitude: 174.76, latitude: -36.85, height: 40 }, time_zone: 'Pacific/Auckland' }).expect(201)).body;
    // The default N.I.N.A. profile's telescope is "Skygate Simulator 80/480".
    profileTelescope = (await http.post('/telescopes/').set(bearer()).send({ name: 'Skygate Simulator 80/480', observing_site: site.uuid }).expect(201)).body;
    domeTelescope = (await http.post('/telescopes/').set(bearer()).send({ name: 'C14 in the dome', observing_site: site.uuid }).expect(201)).body;
    const [camera] = await api.ok('equipment/camera/list-devices');
    await api.ok('equipment/camera/connect', { to: camera.Id });
  });
  afterAll(() => t.close());

  it('links a capture of the profile telescope into the dataset of its night and ingests an observation', async () => {
    const equipmentPath = await capture('M42');
    const datasets = await archive(`/datasets/?telescope=${profileTelescope.uuid}`);
    expect(datasets).toHaveLength(1);
    const [nightLog] = await archive(`/nightlogs/?telescope=${profileTelescope.uuid}`);
    expect(datasets[0]).toMatchObject({ name: `Captures ${nightLog.date}`, telescope: profileTelescope.uuid, tags: [CAPTURE_DATASET_TAG], data_files_count: 1 });

    const [file] = await archive(`/datafiles/?dataset=${datasets[0].uuid}`);
    const equipmentFile = join(t.config.dataDir, 'files', equipmentPath);
    const bytes = await readFile(equipmentFile);
    expect(file).toMatchObject({ file_name: equipmentPath.split('/').pop(), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), format: 'fits', header_status: 'parsed' });
    expect(file.header).toMatchObject({ OBJECT: 'M42', IMAGETYP: 'LIGHT', TELESCOP: 'Skygate Simulator 80/480' });
    // One set of bytes with two names: the archive did not copy the capture.
    const archived = join(t.config.dataDir, 'files', 'archive', datasets[0].uuid, file.file_name);
    expect((await stat(archived)).ino).toBe((await stat(equipmentFile)).ino);

    const observations = await archive(`/observations/?dataset=${datasets[0].uuid}`);
    expect(observations).toEqual([expect.objectContaining({ target_name: 'M42', night_log: nightLog.uuid, exposure_time: 0.05, date_source: 'DATE-OBS' })]);
  });

  it('files a second capture of the same night in the same dataset', async () => {
    await capture('M42');
    const datasets = await archive(`/datasets/?telescope=${profileTelescope.uuid}`);
    expect(datasets).toHaveLength(1);
    expect(datasets[0].data_files_count).toBe(2);
  });

  it('accepts the telescope by UUID and files nothing when the profile names no archive telescope', async () => {
    await api.ok('profile/change-value', { settingpath: 'TelescopeSettings-Name', newValue: domeTelescope.uuid });
    await capture('NGC 253');
    const [domeDataset] = await archive(`/datasets/?telescope=${domeTelescope.uuid}`);
    expect(await archive(`/observations/?dataset=${domeDataset.uuid}`)).toEqual([expect.objectContaining({ target_name: 'NGC 253' })]);

    const before = (await archive('/datafiles/')).length;
    await api.ok('profile/change-value', { settingpath: 'TelescopeSettings-Name', newValue: 'A telescope the archive does not know' });
    await capture('M1');
    expect((await archive('/datafiles/')).length).toBe(before);
  });

  it('keeps the equipment image when its archive entry is deleted', async () => {
    const [domeDataset] = await archive(`/datasets/?telescope=${domeTelescope.uuid}`);
    const [file] = await archive(`/datafiles/?dataset=${domeDataset.uuid}`);
    await http.delete(`/datafiles/${file.id}/`).set(bearer()).expect(204);
    const history: { Filename: string; TargetName: string }[] = await api.ok('image-history', { all: true });
    const ngc253 = history.find((h) => h.TargetName === 'NGC 253')!;
    expect((await stat(join(t.config.dataDir, 'files', ngc253.Filename))).size).toBe(file.size);
    await expect(stat(join(t.config.dataDir, 'files', 'archive', domeDataset.uuid, file.file_name))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
