/**
 * The reply templates Earful ships, in English, Korean, Latvian, Telugu and Estonian. Each follows
 * the recovery steps: own the mistake and apologise, say what will be done and by when, and give
 * a name to answer to. `{name}`, `{orderId}`, `{agent}`, `{dueDate}` (and `{url}` in `follow-up`)
 * are filled in; a `[[…]]` part is kept only when every variable in it has a value, and
 * `[[A|B]]` falls back to `B`, so a missing value never leaves a gap or a half sentence.
 * Registers: Korean 합니다체, Latvian and Estonian formal "you" (Jūs, Teie), Telugu మీరు with గారు.
 * In Latvian and Estonian the date follows a colon ("līdz šim datumam: …", "hiljemalt selleks
 * kuupäevaks: …"), so it reads right in whatever form it is written, without declining it.
 */
import type { ReplyTemplates } from './templates.js';

export const SHIPPED_TEMPLATES: ReplyTemplates = {
  apology: {
    en: {
      subject: '[[We are sorry about your order {orderId}|We are sorry about your recent experience]]',
      body: `[[Dear {name},|Hello,]]

Thank you for telling us what went wrong[[ with order {orderId}]]. We got this wrong, and I am sorry.

I am looking into it myself now and [[will come back to you with a solution by {dueDate}.|will come back to you with a solution as soon as possible.]] You do not need to do anything else.

If you would like to add anything, just reply to this email[[ — it comes straight to me, {agent}.| — it comes straight to our team.]]

Kind regards,
[[{agent}|Customer care]]`,
    },
    ko: {
      subject: '[[주문 {orderId} 건에 대해 사과드립니다|불편을 드려 사과드립니다]]',
      body: `[[{name} 고객님, 안녕하십니까.|고객님, 안녕하십니까.]]

[[주문 {orderId} 건과 관련하여 |]]불편을 알려 주셔서 감사합니다. 저희의 잘못이며, 진심으로 사과드립니다.

지금 제가 직접 확인하고 있으며, [[{dueDate}까지 해결 방안을 안내해 드리겠습니다.|최대한 빨리 해결 방안을 안내해 드리겠습니다.]] 고객님께서 따로 하실 일은 없습니다.

더 전하실 말씀이 있으시면 이 메일에 회신해 주십시오. [[담당자 {agent}에게 바로 전달됩니다.|담당 팀에 바로 전달됩니다.]]

감사합니다.
[[{agent} 드림|고객지원팀 드림]]`,
    },
    lv: {
      subject: '[[Pasūtījums {orderId}: atvainojamies|Atvainojamies par sagādātajām neērtībām]]',
      body: `[[Labdien, {name}!|Labdien!]]

Paldies, ka pastāstījāt, kas nogāja greizi[[ ar pasūtījumu {orderId}]]. Tā ir mūsu kļūda, un es par to atvainojos.

Es personīgi to tagad izskatu. [[Risinājumu Jums sniegšu līdz šim datumam: {dueDate}.|Risinājumu Jums sniegšu pēc iespējas drīzāk.]] Jums nekas vairāk nav jādara.

Ja vēlaties ko piebilst, vienkārši atbildiet uz šo e-pastu[[ – tas nonāks tieši pie manis ({agent}).| – tas nonāks tieši pie mūsu komandas.]]

Ar cieņu
[[{agent}|Klientu atbalsts]]`,
    },
    te: {
      subject: '[[ఆర్డర్ {orderId} విషయంలో మమ్మల్ని క్షమించండి|జరిగిన అసౌకర్యానికి మమ్మల్ని క్షమించండి]]',
      body: `[[{name} గారికి నమస్కారం,|నమస్కారం,]]

[[ఆర్డర్ {orderId} విషయంలో |]]ఏమి తప్పు జరిగిందో మాకు తెలియజేసినందుకు ధన్యవాదాలు. ఇది మా పొరపాటు, అందుకు నేను హృదయపూర్వకంగా క్షమాపణలు కోరుతున్నాను.

నేను స్వయంగా దీనిని ఇప్పుడు పరిశీలిస్తున్నాను. [[{dueDate} నాటికి మీకు పరిష్కారం తెలియజేస్తాను.|వీలైనంత త్వరగా మీకు పరిష్కారం తెలియజేస్తాను.]] మీరు ఇంకేమీ చేయవలసిన అవసరం లేదు.

మీరు ఇంకేమైనా చెప్పాలనుకుంటే, ఈ ఈమెయిల్‌కు జవాబు ఇవ్వండి. [[అది నేరుగా నాకు ({agent}) చేరుతుంది.|అది నేరుగా మా బృందానికి చేరుతుంది.]]

ధన్యవాదాలతో,
[[{agent}|కస్టమర్ కేర్ బృందం]]`,
    },
    et: {
      subject: '[[Tellimus {orderId}: vabandame|Vabandame tekitatud ebamugavuste pärast]]',
      body: `[[Tere, {name}!|Tere!]]

Täname, et andsite teada, mis läks valesti[[ tellimusega {orderId}]]. See oli meie viga ja ma vabandan.

Tegelen sellega praegu ise ja [[annan Teile lahenduse teada hiljemalt selleks kuupäevaks: {dueDate}.|annan Teile lahenduse teada niipea kui võimalik.]] Teil ei ole vaja midagi muud teha.

Kui soovite midagi lisada, vastake lihtsalt sellele e-kirjale[[ – see jõuab otse minuni ({agent}).| – see jõuab otse meie meeskonnani.]]

Lugupidamisega
[[{agent}|Klienditugi]]`,
    },
  },
  'resolution-plan': {
    en: {
      subject: '[[Order {orderId}: how we will put it right|How we will put it right]]',
      body: `[[Dear {name},|Hello,]]

Thank you for your patience[[ with order {orderId}]]. We are sorry that we let you down, and we have agreed on how to put it right.

[[We will have it resolved by {dueDate}|We will have it resolved as soon as we can]], and I will write to you as soon as it is done.

If anything is still not right, reply to this email[[ and it will reach {agent} directly.| and it will reach me directly.]]

Kind regards,
[[{agent}|Customer care]]`,
    },
    ko: {
      subject: '[[주문 {orderId} 건의 해결 방안을 안내해 드립니다|해결 방안을 안내해 드립니다]]',
      body: `[[{name} 고객님, 안녕하십니까.|고객님, 안녕하십니까.]]

[[주문 {orderId} 건과 관련하여 |]]기다려 주셔서 감사합니다. 기대에 미치지 못해 다시 한번 사과드리며, 문제를 바로잡을 방법을 정했습니다.

[[{dueDate}까지 해결하겠습니다.|최대한 빨리 해결하겠습니다.]] 완료되는 대로 바로 연락드리겠습니다.

여전히 문제가 있으면 이 메일에 회신해 주십시오. [[담당자 {agent}에게 바로 전달됩니다.|담당자에게 바로 전달됩니다.]]

감사합니다.
[[{agent} 드림|고객지원팀 드림]]`,
    },
    lv: {
      subject: '[[Pasūtījums {orderId}: kā mēs to labosim|Kā mēs to labosim]]',
      body: `[[Labdien, {name}!|Labdien!]]

Paldies par Jūsu pacietību[[ saistībā ar pasūtījumu {orderId}]]. Mums ļoti žēl, ka Jūs pievīlām, un esam vienojušies, kā to labot.

[[Problēmu atrisināsim līdz šim datumam: {dueDate}.|Problēmu atrisināsim pēc iespējas drīzāk.]] Tiklīdz tas būs izdarīts, es Jums uzrakstīšu.

Ja kaut kas joprojām nav kārtībā, atbildiet uz šo e-pastu[[ – to saņems {agent}.| – tas nonāks tieši pie manis.]]

Ar cieņu
[[{agent}|Klientu atbalsts]]`,
    },
    te: {
      subject: '[[ఆర్డర్ {orderId}: మా పరిష్కార ప్రణాళిక|మా పరిష్కార ప్రణాళిక]]',
      body: `[[{name} గారికి నమస్కారం,|నమస్కారం,]]

[[ఆర్డర్ {orderId} విషయంలో |]]మీ ఓపికకు ధన్యవాదాలు. మిమ్మల్ని నిరాశపరిచినందుకు మరోసారి క్షమాపణలు కోరుతున్నాము. దీనిని ఎలా సరిదిద్దాలో మేము నిర్ణయించాము.

[[{dueDate} నాటికి దీనిని పరిష్కరిస్తాము.|వీలైనంత త్వరగా దీనిని పరిష్కరిస్తాము.]] పని పూర్తయిన వెంటనే మీకు తెలియజేస్తాను.

ఇంకా ఏదైనా సరిగ్గా లేకపోతే, ఈ ఈమెయిల్‌కు జవాబు ఇవ్వండి. [[అది నేరుగా నాకు ({agent}) చేరుతుంది.|అది నేరుగా నాకు చేరుతుంది.]]

ధన్యవాదాలతో,
[[{agent}|కస్టమర్ కేర్ బృందం]]`,
    },
    et: {
      subject: '[[Tellimus {orderId}: kuidas me selle korda teeme|Kuidas me selle korda teeme]]',
      body: `[[Tere, {name}!|Tere!]]

Täname kannatlikkuse eest[[ seoses tellimusega {orderId}]]. Meil on väga kahju, et Teid alt vedasime, ja oleme kokku leppinud, kuidas asi korda teha.

[[Lahendame selle hiljemalt selleks kuupäevaks: {dueDate}.|Lahendame selle niipea kui võimalik.]] Kirjutan Teile kohe, kui see on tehtud.

Kui miski on endiselt valesti, vastake sellele e-kirjale[[ – selle saab kätte {agent}.| – see jõuab otse minuni.]]

Lugupidamisega
[[{agent}|Klienditugi]]`,
    },
  },
  resolved: {
    en: {
      subject: '[[Order {orderId}: we have put it right|We have put it right]]',
      body: `[[Dear {name},|Hello,]]

The problem[[ with order {orderId}]] is now resolved. Thank you for telling us about it — it helped us fix it, and we are sorry it happened at all.

If anything is still not right, just reply to this email and I will pick it up personally.

Kind regards,
[[{agent}|Customer care]]`,
    },
    ko: {
      subject: '[[주문 {orderId} 건의 문제를 해결했습니다|문제를 해결했습니다]]',
      body: `[[{name} 고객님, 안녕하십니까.|고객님, 안녕하십니까.]]

[[주문 {orderId} 건의 |]]문제가 해결되었습니다. 알려 주신 덕분에 바로잡을 수 있었습니다. 애초에 불편을 드린 점 다시 한번 사과드립니다.

아직 해결되지 않은 부분이 있으면 이 메일에 회신해 주십시오. 제가 직접 다시 확인하겠습니다.

감사합니다.
[[{agent} 드림|고객지원팀 드림]]`,
    },
    lv: {
      subject: '[[Pasūtījums {orderId}: problēma ir atrisināta|Problēma ir atrisināta]]',
      body: `[[Labdien, {name}!|Labdien!]]

Problēma[[ ar pasūtījumu {orderId}]] ir atrisināta. Paldies, ka par to pastāstījāt – tas palīdzēja mums to novērst. Vēlreiz atvainojamies, ka tā vispār notika.

Ja kaut kas joprojām nav kārtībā, vienkārši atbildiet uz šo e-pastu, un es to uzreiz izskatīšu.

Ar cieņu
[[{agent}|Klientu atbalsts]]`,
    },
    te: {
      subject: '[[ఆర్డర్ {orderId}: సమస్య పరిష్కారమైంది|సమస్య పరిష్కారమైంది]]',
      body: `[[{name} గారికి నమస్కారం,|నమస్కారం,]]

[[ఆర్డర్ {orderId} కు సంబంధించిన |]]సమస్య ఇప్పుడు పరిష్కారమైంది. దాని గురించి మాకు తెలియజేసినందుకు ధన్యవాదాలు — అది సరిదిద్దడానికి మాకు సహాయపడింది. ఇది జరిగినందుకు మరోసారి క్షమాపణలు కోరుతున్నాము.

ఇంకా ఏదైనా సరిగ్గా లేకపోతే, ఈ ఈమెయిల్‌కు జవాబు ఇవ్వండి; నేను వెంటనే చూస్తాను.

ధన్యవాదాలతో,
[[{agent}|కస్టమర్ కేర్ బృందం]]`,
    },
    et: {
      subject: '[[Tellimus {orderId}: probleem on lahendatud|Probleem on lahendatud]]',
      body: `[[Tere, {name}!|Tere!]]

Probleem[[ tellimusega {orderId}]] on nüüd lahendatud. Täname, et andsite sellest teada – see aitas meil vea parandada. Vabandame veel kord, et see üldse juhtus.

Kui miski on endiselt valesti, vastake lihtsalt sellele e-kirjale ja ma tegelen sellega kohe.

Lugupidamisega
[[{agent}|Klienditugi]]`,
    },
  },
  'follow-up': {
    en: {
      subject: 'Did we put it right?',
      body: `[[Dear {name},|Hello,]]

A little while ago you told us something went wrong[[ with order {orderId}]]. We would like to know: did we put it right?

Please answer with one click here:
{url}

It takes a few seconds, and the link works for a limited time.

Thank you,
[[{agent}|Customer care]]`,
    },
    ko: {
      subject: '문제가 잘 해결되었습니까?',
      body: `[[{name} 고객님, 안녕하십니까.|고객님, 안녕하십니까.]]

얼마 전 [[주문 {orderId} 건에 |]]문제가 있다고 알려 주셨습니다. 저희가 제대로 해결해 드렸는지 여쭙고 싶습니다.

아래 링크에서 한 번만 눌러 답해 주십시오.
{url}

몇 초면 충분하며, 링크는 일정 기간 동안만 유효합니다.

감사합니다.
[[{agent} 드림|고객지원팀 드림]]`,
    },
    lv: {
      subject: 'Vai mums izdevās to labot?',
      body: `[[Labdien, {name}!|Labdien!]]

Nesen Jūs mums pastāstījāt, ka kaut kas nogāja greizi[[ ar pasūtījumu {orderId}]]. Vēlamies uzzināt: vai mums izdevās to labot?

Lūdzu, atbildiet ar vienu klikšķi šeit:
{url}

Tas aizņem dažas sekundes, un saite ir derīga ierobežotu laiku.

Paldies!
[[{agent}|Klientu atbalsts]]`,
    },
    te: {
      subject: 'మేము సమస్యను సరిదిద్దామా?',
      body: `[[{name} గారికి నమస్కారం,|నమస్కారం,]]

కొద్ది రోజుల క్రితం [[ఆర్డర్ {orderId} విషయంలో |]]ఏదో తప్పు జరిగిందని మీరు మాకు తెలియజేశారు. మేము దానిని సరిదిద్దామో లేదో తెలుసుకోవాలనుకుంటున్నాము.

దయచేసి ఇక్కడ ఒక్క క్లిక్‌తో జవాబు ఇవ్వండి:
{url}

దీనికి కొన్ని సెకన్లు మాత్రమే పడుతుంది, ఈ లింక్ పరిమిత కాలం మాత్రమే పనిచేస్తుంది.

ధన్యవాదాలు,
[[{agent}|కస్టమర్ కేర్ బృందం]]`,
    },
    et: {
      subject: 'Kas saime asja korda?',
      body: `[[Tere, {name}!|Tere!]]

Hiljuti andsite meile teada, et midagi läks valesti[[ tellimusega {orderId}]]. Soovime teada: kas saime asja korda?

Palun vastake ühe klõpsuga siin:
{url}

See võtab vaid mõne sekundi ja link kehtib piiratud aja.

Aitäh!
[[{agent}|Klienditugi]]`,
    },
  },
};
