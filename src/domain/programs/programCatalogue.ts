// Writing the tenant's catalogue (ADMIN only): programmes and their modules. A programme
// goes only while no cohort runs it; a module only while nothing was learned in it (no
// session, no result, no progress), so no learning record loses what it refers to.
import { and, eq } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { conflictFrom } from '../../db/constraintViolations.js';
import { modules, programs } from '../../db/schema/index.js';
import { checkDateRange } from '../../lib/dates.js';
import { changesOf } from '../../lib/definedOnly.js';
import { BadUserInputError, NotFoundError } from '../../lib/errors.js';
import { requireUuid } from '../../lib/uuid.js';
import { fitsIndex } from '../../xapi/statements/storableJson.js';
import { isValidIri } from '../../xapi/statements/validateStatement.js';
import { requireRole, type Actor } from '../access/actor.js';
import type {
  learningKinds,
  Module,
  phases,
  Program,
  ProgramRepository,
  programStatuses,
} from './programRepository.js';

export interface NewProgram {
  title: string;
  description?: string | null;
  learningKind: (typeof learningKinds)[number];
  siasnJenisDiklatId?: number | null;
  organiser?: string | null;
  totalJp: number;
  status?: (typeof programStatuses)[number];
  startDate?: string | null;
  endDate?: string | null;
  /** xAPI activity IRIs that are the programme, e.g. its course in Moodle. */
  activityIris?: string[];
  /** At risk under this best score (scaled 0..1); 0.6 when not given. */
  riskScoreThreshold?: number;
  /** At risk after this many days without activity; 7 when not given. */
  riskInactiveDays?: number;
  /** Coaching check-ins planned this many days apart; 14 when not given. */
  checkInIntervalDays?: number;
  /** Virtual sessions: late after this many minutes past the start; 10 when not given. */
  attendanceGraceMinutes?: number;
  /** Virtual sessions: absent under this share (0..1) of the session; 0.75 when not given. */
  attendanceMinShare?: number;
}

export interface NewModule {
  programId: string;
  phase: (typeof phases)[number];
  position: number;
  title: string;
  expectedMinutes: number;
  dueOffsetDays?: number | null;
  mediaKinds?: string[];
  activityIris?: string[];
}

/** Ten years: no module is due later after its cohort starts. */
export const maxDueOffsetDays = 3660;

export type ModuleChanges = Partial<Omit<NewModule, 'programId'>>;

export function createProgramCatalogue(
  db: JejakDb,
  actor: Actor,
  programsOfActor: ProgramRepository,
) {
  const t = actor.tenantId;

  async function requireProgram(id: string, field: string): Promise<Program> {
    const [program] = await programsOfActor.programsByIds([requireUuid(id, field)]);
    if (program === undefined) throw new NotFoundError(`${field}: no programme ${id}`);
    return program;
  }

  async function requireModule(id: string): Promise<Module> {
    const [module] = await programsOfActor.modulesByIds([requireUuid(id, 'id')]);
    if (module === undefined) throw new NotFoundError(`no module ${id}`);
    return module;
  }

  return {
    async createProgram(input: NewProgram): Promise<Program> {
      requireRole(actor, 'creating a programme', 'ADMIN');
      const next = { status: 'DRAFT' as const, ...input };
      checkProgram(next);
      const [row] = await db
        .insert(programs)
        .values({
          tenantId: t,
          title: next.title.trim(),
          description: next.description ?? null,
          learningKind: next.learningKind,
          siasnJenisDiklatId: next.siasnJenisDiklatId ?? null,
          organiser: next.organiser ?? null,
          totalJp: next.totalJp,
          status: next.status,
          startDate: next.startDate ?? null,
          endDate: next.endDate ?? null,
          activityIris: next.activityIris ?? [],
          ...(next.riskScoreThreshold !== undefined
            ? { riskScoreThreshold: next.riskScoreThreshold }
            : {}),
          ...(next.riskInactiveDays !== undefined
            ? { riskInactiveDays: next.riskInactiveDays }
            : {}),
          ...(next.checkInIntervalDays !== undefined
            ? { checkInIntervalDays: next.checkInIntervalDays }
            : {}),
          ...(next.attendanceGraceMinutes !== undefined
            ? { attendanceGraceMinutes: next.attendanceGraceMinutes }
            : {}),
          ...(next.attendanceMinShare !== undefined
            ? { attendanceMinShare: next.attendanceMinShare }
            : {}),
        })
        .returning();
      return row!;
    },

    /** Changes the fields given; the others stay as they are. */
    async updateProgram(id: string, changes: Partial<NewProgram>): Promise<Program> {
      requireRole(actor, 'changing a programme', 'ADMIN');
      const current = await requireProgram(id, 'id');
      const next = {
        ...current,
        ...changesOf(changes, [
          'title',
          'learningKind',
          'totalJp',
          'status',
          'riskScoreThreshold',
          'riskInactiveDays',
          'checkInIntervalDays',
          'attendanceGraceMinutes',
          'attendanceMinShare',
        ]),
      };
      checkProgram(next);
      const [row] = await db
        .update(programs)
        .set({
          title: next.title.trim(),
          description: next.description,
          learningKind: next.learningKind,
          siasnJenisDiklatId: next.siasnJenisDiklatId,
          organiser: next.organiser,
          totalJp: next.totalJp,
          status: next.status,
          startDate: next.startDate,
          endDate: next.endDate,
          activityIris: next.activityIris ?? [],
          riskScoreThreshold: next.riskScoreThreshold,
          riskInactiveDays: next.riskInactiveDays,
          checkInIntervalDays: next.checkInIntervalDays,
          attendanceGraceMinutes: next.attendanceGraceMinutes,
          attendanceMinShare: next.attendanceMinShare,
        })
        .where(and(eq(programs.tenantId, t), eq(programs.id, current.id)))
        .returning();
      return row!;
    },

    /** Only a programme without cohorts goes (its modules and assessments with it). */
    async deleteProgram(id: string): Promise<string> {
      requireRole(actor, 'deleting a programme', 'ADMIN');
      const program = await requireProgram(id, 'id');
      try {
        await db.delete(programs).where(and(eq(programs.tenantId, t), eq(programs.id, program.id)));
      } catch (error) {
        throw conflictFrom(error, { referenced: 'the programme has cohorts' });
      }
      return program.id;
    },

    async createModule(input: NewModule): Promise<Module> {
      requireRole(actor, 'creating a module', 'ADMIN');
      const program = await requireProgram(input.programId, 'programId');
      const next = { dueOffsetDays: null, mediaKinds: [], activityIris: [], ...input };
      checkModule(next);
      const [row] = await db
        .insert(modules)
        .values({
          tenantId: t,
          programId: program.id,
          phase: next.phase,
          position: next.position,
          title: next.title.trim(),
          expectedMinutes: next.expectedMinutes,
          dueOffsetDays: next.dueOffsetDays ?? null,
          mediaKinds: next.mediaKinds ?? [],
          activityIris: next.activityIris ?? [],
        })
        .returning();
      return row!;
    },

    /** Changes the fields given; lists given replace the old ones. */
    async updateModule(id: string, changes: ModuleChanges): Promise<Module> {
      requireRole(actor, 'changing a module', 'ADMIN');
      const current = await requireModule(id);
      const next = {
        ...current,
        ...changesOf(changes, ['phase', 'position', 'title', 'expectedMinutes']),
      };
      checkModule(next);
      const [row] = await db
        .update(modules)
        .set({
          phase: next.phase,
          position: next.position,
          title: next.title.trim(),
          expectedMinutes: next.expectedMinutes,
          dueOffsetDays: next.dueOffsetDays,
          mediaKinds: next.mediaKinds ?? [],
          activityIris: next.activityIris ?? [],
        })
        .where(and(eq(modules.tenantId, t), eq(modules.id, current.id)))
        .returning();
      return row!;
    },

    /** Only a module nothing was learned in goes (its assessments without results with it). */
    async deleteModule(id: string): Promise<string> {
      requireRole(actor, 'deleting a module', 'ADMIN');
      const module = await requireModule(id);
      try {
        await db.delete(modules).where(and(eq(modules.tenantId, t), eq(modules.id, module.id)));
      } catch (error) {
        throw conflictFrom(error, {
          referenced: 'the module has sessions, assessment results or learner progress',
        });
      }
      return module.id;
    },
  };
}

function checkProgram(program: {
  title: string;
  totalJp: number;
  siasnJenisDiklatId?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  activityIris?: string[] | null;
  riskScoreThreshold?: number;
  riskInactiveDays?: number;
  checkInIntervalDays?: number;
  attendanceGraceMinutes?: number;
  attendanceMinShare?: number;
}) {
  checkIris(program.activityIris);
  if (
    program.attendanceGraceMinutes !== undefined &&
    !(
      Number.isInteger(program.attendanceGraceMinutes) &&
      program.attendanceGraceMinutes >= 0 &&
      program.attendanceGraceMinutes <= 1440
    )
  ) {
    throw new BadUserInputError('attendanceGraceMinutes: a whole number of minutes from 0 to 1440');
  }
  if (
    program.attendanceMinShare !== undefined &&
    !(program.attendanceMinShare >= 0 && program.attendanceMinShare <= 1)
  ) {
    throw new BadUserInputError('attendanceMinShare: a share from 0 to 1');
  }
  if (
    program.riskScoreThreshold !== undefined &&
    !(program.riskScoreThreshold >= 0 && program.riskScoreThreshold <= 1)
  ) {
    throw new BadUserInputError('riskScoreThreshold: a scaled score from 0 to 1');
  }
  for (const [name, days] of [
    ['riskInactiveDays', program.riskInactiveDays],
    ['checkInIntervalDays', program.checkInIntervalDays],
  ] as const) {
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 366)) {
      throw new BadUserInputError(`${name}: a whole number of days from 1 to 366`);
    }
  }
  if (program.title.trim() === '') throw new BadUserInputError('title: must not be empty');
  if (!Number.isInteger(program.totalJp) || program.totalJp < 0) {
    throw new BadUserInputError('totalJp: must be a whole number of JP, 0 or more');
  }
  if (
    program.siasnJenisDiklatId != null &&
    (program.siasnJenisDiklatId < 1 || program.siasnJenisDiklatId > 25)
  ) {
    throw new BadUserInputError("siasnJenisDiklatId: SIASN's ids run from 1 to 25");
  }
  checkDateRange(program.startDate, program.endDate);
}

function checkModule(module: {
  title: string;
  position: number;
  expectedMinutes: number;
  dueOffsetDays?: number | null;
  activityIris?: string[] | null;
}) {
  if (module.title.trim() === '') throw new BadUserInputError('title: must not be empty');
  if (!Number.isInteger(module.expectedMinutes) || module.expectedMinutes < 0) {
    throw new BadUserInputError('expectedMinutes: must be a whole number, 0 or more');
  }
  if (
    module.dueOffsetDays != null &&
    (module.dueOffsetDays < 0 || module.dueOffsetDays > maxDueOffsetDays)
  ) {
    throw new BadUserInputError(
      `dueOffsetDays: must be 0 to ${maxDueOffsetDays} days after the cohort starts`,
    );
  }
  checkIris(module.activityIris);
}

function checkIris(iris: string[] | null | undefined) {
  for (const [index, iri] of (iris ?? []).entries()) {
    if (!isValidIri(iri) || !fitsIndex(iri)) {
      throw new BadUserInputError(`activityIris[${index}]: must be an IRI of at most 800 bytes`);
    }
  }
}

export type ProgramCatalogue = ReturnType<typeof createProgramCatalogue>;
