import type { SectionId } from './ids'

/**
 * The starting canvases. The prompts are the guiding questions shown in each section: they are
 * what coaches judge the product on first, so they are written to be asked out loud.
 */
export const TEMPLATE_IDS = ['coach-client', 'manager-report', 'peers', 'team-charter'] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]
export const DEFAULT_TEMPLATE: TemplateId = 'coach-client'

export type SectionKind =
  | 'commitments'
  | 'needs'
  | 'conflict'
  | 'values'
  | 'feedback'
  | 'working'
  | 'checkin'
  | 'challenge'
  | 'derailers'
  | 'confidentiality'
  | 'communication'
  | 'decisions'
  | 'purpose'
  | 'custom'

export interface SectionSpec {
  id: SectionId
  kind: SectionKind
  title: string
  /** One column per party (commitments, needs) instead of one shared area. */
  perParty: boolean
  description: string
  prompts: string[]
}

export interface TemplateSpec {
  id: TemplateId
  name: string
  /** One line on the home page: who this template is for. */
  summary: string
  /** Names the home page suggests for the parties; the API defaults to "Party 1", "Party 2". */
  suggestedParties: string[]
  sections: SectionSpec[]
}

function section(
  kind: SectionKind,
  title: string,
  description: string,
  prompts: string[],
  perParty = false,
): SectionSpec {
  return { id: kind as string as SectionId, kind, title, perParty, description, prompts }
}

const commitments = (prompts: string[]): SectionSpec =>
  section(
    'commitments',
    'What you can count on from me',
    'Promises each of you makes, in your own words.',
    prompts,
    true,
  )

const needs = (title: string, prompts: string[]): SectionSpec =>
  section('needs', title, 'What each of you needs to do your best work.', prompts, true)

const conflict = (prompts: string[]): SectionSpec =>
  section(
    'conflict',
    'How we handle conflict',
    'Decide now, while it is easy, what you will do when it is not.',
    prompts,
  )

/** `whom` fits the template's number of parties: "both of you" only where there are two. */
const values = (prompts: string[], whom = 'both of you'): SectionSpec =>
  section('values', 'Shared values', `What matters to ${whom} in how you work.`, prompts)

const working = (title: string, prompts: string[]): SectionSpec =>
  section('working', title, 'The signs you will look for at each check-in.', prompts)

const checkin = (title: string, prompts: string[]): SectionSpec =>
  section('checkin', title, 'When and how you will come back to this alliance.', prompts)

const derailers = (prompts: string[]): SectionSpec =>
  section(
    'derailers',
    'Triggers and derailers',
    'What knocks each of you off balance, named before it happens.',
    prompts,
  )

const coachClient: TemplateSpec = {
  id: 'coach-client',
  name: 'Coach and client',
  summary: 'The Co-Active designed alliance for a coaching relationship.',
  suggestedParties: ['Coach', 'Client'],
  sections: [
    commitments([
      'What can you count on me for, even in a hard week?',
      'How will I show up to our sessions?',
      'What will I do when I cannot keep a commitment?',
    ]),
    needs('What I need from you', [
      'What do you need from me to do your best work?',
      'What helps you feel safe enough to be fully honest?',
      'What gets in the way of you being at your best?',
    ]),
    section(
      'confidentiality',
      'Confidentiality and trust',
      'What stays between you, and what does not.',
      [
        'What stays between us, and what may be shared?',
        'Are there limits we should name now, such as a sponsor or an employer?',
        'What would make it easy to tell each other the truth?',
      ],
    ),
    section(
      'challenge',
      'Permission to challenge',
      'How boldly the coach may push, and how to say stop.',
      [
        'How far may I push you when I see you playing small?',
        'How will you tell me when a challenge goes too far?',
        'Is anything off-limits, for now?',
      ],
    ),
    section(
      'feedback',
      'How we give and receive feedback',
      'Feedback flows both ways, including about the coaching itself.',
      [
        'How do you prefer to receive feedback?',
        'How will you tell me what is not working in our sessions?',
        'How often should we ask each other "how is this going?"',
      ],
    ),
    conflict([
      'What should we do when we disagree?',
      'How will we repair things if one of us feels let down?',
      'What does each of us do under stress that the other should know about?',
    ]),
    values([
      'What core values do we share?',
      'What does a great coaching relationship look like to you?',
      'Which word would you like people to use for our work together?',
    ]),
    working('How we will know it is working', [
      'How will we know if this relationship is working?',
      'What would you like to be different in six months?',
      'What signs would tell us to change course?',
    ]),
    checkin('Check-in rhythm', [
      'How often will we revisit this alliance?',
      'What happens when a session is missed or moved?',
      'How do we reach each other between sessions?',
    ]),
  ],
}

const managerReport: TemplateSpec = {
  id: 'manager-report',
  name: 'Manager and report',
  summary: 'How a manager and a direct report will work together, written by both.',
  suggestedParties: ['Manager', 'Report'],
  sections: [
    commitments([
      'What can you count on me for, every week?',
      'What will I protect for you: time, focus, credit?',
      'How will I tell you when priorities change?',
    ]),
    needs('What I need from you', [
      'What do you need from me to do your best work?',
      'How much context do you want before you start something?',
      'How will I know you need support before it is urgent?',
    ]),
    section(
      'communication',
      'How we communicate',
      'Channels, response times and how bad news travels.',
      [
        'Which channel for what: chat, email, a call, our one-to-one?',
        'How quickly do we expect replies, and when is it fine to wait?',
        'How do you want to hear bad news?',
      ],
    ),
    section('decisions', 'How we decide', 'Who decides what, and who is told.', [
      'Which decisions are yours, which are mine, which are ours?',
      'When should you check with me first, and when just let me know?',
      'What happens when you disagree with a decision I make?',
    ]),
    section('feedback', 'Feedback and growth', 'How feedback flows, in both directions.', [
      'Do you prefer feedback in the moment or saved for our one-to-one?',
      'Which skills do you want to grow this year?',
      'How can you give me feedback safely?',
    ]),
    conflict([
      'What should we do when we disagree?',
      'How do we disagree in front of the team?',
      'Who else can help if we get stuck?',
    ]),
    values([
      'What core values do we share?',
      'What does good work look like to each of us?',
      'What will we never compromise on?',
    ]),
    derailers([
      'What stresses you at work, and what do you do when stressed?',
      'Which of my habits might get in your way?',
      'What early signs should we watch for?',
    ]),
    working('How we will know it is working', [
      'How will we know if this relationship is working?',
      'What should be true in three months?',
      'What would make you recommend working with me?',
    ]),
    checkin('One-to-one rhythm', [
      'How often do we meet one-to-one, and for how long?',
      'Who owns the agenda?',
      'When will we revisit this alliance?',
    ]),
  ],
}

const peers: TemplateSpec = {
  id: 'peers',
  name: 'Peers and co-founders',
  summary: 'Partners with no one in charge: co-founders, co-leads, collaborators.',
  suggestedParties: ['Partner 1', 'Partner 2'],
  sections: [
    commitments([
      'What can you count on me for, no matter what?',
      'What will I own, start to finish?',
      'How will I tell you early when I am falling behind?',
    ]),
    needs('What I need from you', [
      'What do you need from me to do your best work?',
      'Where do you want my help, and where do you want space?',
      'What drains you that I might not see?',
    ]),
    section('decisions', 'How we decide', 'Ownership, tie-breaks and the big calls.', [
      'Which decisions does each of us own?',
      'How do we break a tie?',
      'What is too big for either of us to decide alone?',
    ]),
    conflict([
      'What should we do when we disagree?',
      'How will we disagree in front of others?',
      'Whom can we bring in when we are stuck?',
    ]),
    values([
      'What core values do we share?',
      'What are we building together, and why us?',
      'What would make us walk away?',
    ]),
    derailers([
      'What knocks you off balance?',
      'What do you do under pressure that I should not take personally?',
      'What early signs should we watch for in each other?',
    ]),
    section('communication', 'How we communicate', 'Rhythm, channels and hard news.', [
      'How do we keep each other in the loop without noise?',
      'When do we talk in person rather than in writing?',
      'How do we share bad news with each other?',
    ]),
    working('How we will know it is working', [
      'How will we know if this partnership is working?',
      'What would each of us like to be true in a year?',
      'What would tell us to redesign how we work?',
    ]),
    checkin('Check-in rhythm', [
      'How often will we revisit this alliance?',
      'What triggers an early check-in?',
    ]),
  ],
}

const teamCharter: TemplateSpec = {
  id: 'team-charter',
  name: 'Team charter',
  summary: 'A whole team designs how it works together; every member agrees.',
  suggestedParties: ['Member 1', 'Member 2', 'Member 3'],
  sections: [
    section('purpose', 'Our purpose', 'Why this team exists and whom it serves.', [
      'Why does this team exist?',
      'Whom do we serve, and what do they need from us?',
      'What would we be proud of a year from now?',
    ]),
    commitments([
      'What can the team count on you for?',
      'What strength do you bring that the team should use?',
      'What will you do when you cannot keep a commitment?',
    ]),
    needs('What I need from the team', [
      'What do you need from the team to do your best work?',
      'How do you like to be asked for help?',
      'What gets in your way?',
    ]),
    values(
      [
        'What core values do we share?',
        'What behaviour do we celebrate?',
        'What behaviour will we call out, kindly?',
      ],
      'all of you',
    ),
    section('communication', 'How we communicate', 'Channels, meetings and response times.', [
      'Which channel for what?',
      'Which meetings do we need, and which can go?',
      'What response time is fair to expect?',
    ]),
    section('decisions', 'How we decide', 'Who decides, who is consulted, who is told.', [
      'Which decisions need the whole team?',
      'How do we decide when we cannot agree?',
      'How do we share a decision with people who were not in the room?',
    ]),
    conflict([
      'What should we do when we disagree?',
      'How do we raise a concern about a teammate?',
      'How do we repair trust after a conflict?',
    ]),
    working('How we will know we are working well', [
      'How will we know this team is working well?',
      'What will we measure or notice?',
      'What would tell us to redesign this charter?',
    ]),
    checkin('Check-in rhythm', [
      'How often will we revisit this charter?',
      'Who runs the check-in?',
      'What happens when someone joins or leaves the team?',
    ]),
  ],
}

export const TEMPLATES: Readonly<Record<TemplateId, TemplateSpec>> = {
  'coach-client': coachClient,
  'manager-report': managerReport,
  peers,
  'team-charter': teamCharter,
}

export function isTemplateId(value: string): value is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(value)
}
