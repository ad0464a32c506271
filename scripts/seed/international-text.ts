/**
 * Non-English correspondents whose mail arrives in legacy charsets. Every string
 * here must be representable in its locale's charset (checked by
 * assertLocalesRepresentable, which the seeder runs once at start-up).
 */
import { isRepresentable } from "./charset-encoding";

export interface Locale {
  id: string;
  charset: string;
  /** Body Content-Transfer-Encoding. */
  transfer: "quoted-printable" | "base64" | "7bit";
  /** RFC 2047 mode for Subject and display names. */
  headerMode: "B" | "Q";
  people: readonly { name: string; address: string }[];
  subjects: readonly string[];
  sentences: readonly string[];
  greeting: string;
  signOff: string;
  replyPrefix: string;
}

export const LOCALES: readonly Locale[] = [
  {
    id: "de",
    charset: "iso-8859-1",
    transfer: "quoted-printable",
    headerMode: "Q",
    people: [
      { name: "Jürgen Müller", address: "juergen.mueller@baeckerei-mueller.example" },
      { name: "Sönke Weiß", address: "soenke.weiss@hafen-logistik.example" },
    ],
    subjects: ["Angebot für die Überarbeitung der Website", "Rückfrage zur Lieferung nächste Woche", "Grüße aus München"],
    sentences: [
      "Vielen Dank für Ihre schnelle Rückmeldung.",
      "Die Lieferung verzögert sich leider um zwei Tage.",
      "Können wir uns nächste Woche zu einem kurzen Gespräch treffen?",
      "Anbei finden Sie die überarbeitete Preisübersicht.",
      "Für Rückfragen stehe ich Ihnen gerne zur Verfügung.",
    ],
    greeting: "Hallo,",
    signOff: "Mit freundlichen Grüßen",
    replyPrefix: "AW: ",
  },
  {
    id: "es",
    charset: "iso-8859-1",
    transfer: "quoted-printable",
    headerMode: "Q",
    people: [{ name: "José Martínez Peña", address: "jose.martinez@almacenes-sol.example" }],
    subjects: ["¿Podemos vernos mañana?", "Información sobre el envío número 4521"],
    sentences: [
      "Muchas gracias por su atención.",
      "El envío saldrá del almacén el próximo miércoles.",
      "¿Le viene bien una llamada a las diez?",
      "Adjunto la factura corregida según lo acordado.",
    ],
    greeting: "Hola,",
    signOff: "Un saludo cordial,",
    replyPrefix: "RE: ",
  },
  {
    id: "fr",
    charset: "windows-1252",
    transfer: "quoted-printable",
    headerMode: "Q",
    people: [
      { name: "François Lefèvre", address: "francois.lefevre@atelier-lumiere.example" },
      { name: "Hélène Bœuf", address: "helene.boeuf@cabinet-boeuf.example" },
    ],
    subjects: ["Devis “Œuvre” : 1 250 € HT", "Réunion de l’équipe – compte rendu"],
    sentences: [
      "Merci beaucoup pour votre réponse rapide.",
      "Le devis s’élève à 1 250 € hors taxes… livraison comprise.",
      "Pourriez-vous confirmer la date de la réunion ?",
      "Voici le compte rendu de la réunion d’hier – n’hésitez pas à le compléter.",
      "L’équipe a trouvé la présentation “très claire”.",
    ],
    greeting: "Bonjour,",
    signOff: "Bien cordialement,",
    replyPrefix: "RE : ",
  },
  {
    id: "pl",
    charset: "iso-8859-2",
    transfer: "quoted-printable",
    headerMode: "Q",
    people: [{ name: "Łukasz Wróbel", address: "lukasz.wrobel@zaklad-wrobel.example" }],
    subjects: ["Zażółć gęślą jaźń - test polskich znaków", "Spotkanie w przyszły wtorek"],
    sentences: [
      "Dziękuję za szybką odpowiedź.",
      "Spotkanie odbędzie się we wtorek o godzinie dziesiątej.",
      "W załączniku przesyłam poprawioną ofertę.",
      "Proszę o potwierdzenie otrzymania wiadomości.",
    ],
    greeting: "Dzień dobry,",
    signOff: "Z poważaniem,",
    replyPrefix: "Odp: ",
  },
  {
    id: "cs",
    charset: "iso-8859-2",
    transfer: "quoted-printable",
    headerMode: "B",
    people: [{ name: "Jiří Dvořák", address: "jiri.dvorak@pivovar-dvorak.example" }],
    subjects: ["Objednávka č. 2024/118 - potvrzení", "Příliš žluťoučký kůň"],
    sentences: ["Děkuji za Vaši objednávku.", "Zboží odešleme nejpozději v pátek.", "Fakturu najdete v příloze tohoto e-mailu.", "V případě dotazů mě neváhejte kontaktovat."],
    greeting: "Dobrý den,",
    signOff: "S pozdravem,",
    replyPrefix: "Re: ",
  },
  {
    id: "ru-1251",
    charset: "windows-1251",
    transfer: "base64",
    headerMode: "B",
    people: [{ name: "Дмитрий Смирнов", address: "d.smirnov@torgovyi-dom.example" }],
    subjects: ["Счёт на оплату № 318", "Встреча в четверг"],
    sentences: ["Спасибо за быстрый ответ.", "Счёт на оплату во вложении.", "Предлагаю встретиться в четверг в одиннадцать часов.", "Пожалуйста, подтвердите получение письма."],
    greeting: "Добрый день!",
    signOff: "С уважением,",
    replyPrefix: "Re: ",
  },
  {
    id: "ru-koi8",
    charset: "koi8-r",
    transfer: "quoted-printable",
    headerMode: "B",
    people: [{ name: "Екатерина Иванова", address: "e.ivanova@severnyi-veter.example" }],
    subjects: ["Отчёт за квартал", "Вопрос по договору поставки"],
    sentences: ["Направляю Вам квартальный отчёт.", "У нас есть несколько вопросов по пункту пятому договора.", "Будем рады обсудить детали по телефону.", "Хорошего дня!"],
    greeting: "Здравствуйте!",
    signOff: "Всего доброго,",
    replyPrefix: "Re: ",
  },
  {
    id: "ja",
    charset: "iso-2022-jp",
    transfer: "7bit",
    headerMode: "B",
    people: [{ name: "山田 太郎", address: "taro.yamada@sakura-shoji.example" }],
    subjects: ["会議の日程について", "見積書送付のご案内"],
    sentences: [
      "いつもお世話になっております。",
      "来週の会議の日程について確認させてください。",
      "見積書を添付いたしましたので、ご確認ください。",
      "ご不明な点がございましたら、お気軽にお問い合わせください。",
    ],
    greeting: "お疲れさまです。",
    signOff: "よろしくお願いいたします。",
    replyPrefix: "Re: ",
  },
  {
    id: "zh-cn",
    charset: "gb2312",
    transfer: "base64",
    headerMode: "B",
    people: [{ name: "王伟", address: "wang.wei@huaxia-maoyi.example" }],
    subjects: ["关于下周的项目会议", "报价单已发送"],
    sentences: ["感谢您的及时回复。", "下周二上午十点开会，请准时参加。", "报价单已经发送到您的邮箱，请查收。", "如有任何问题，请随时与我联系。"],
    greeting: "您好，",
    signOff: "此致敬礼",
    replyPrefix: "回复：",
  },
  {
    id: "zh-cn-gbk",
    charset: "gbk",
    transfer: "base64",
    headerMode: "B",
    people: [{ name: "李娜", address: "li.na@changjiang-keji.example" }],
    subjects: ["季度销售数据汇总", "合同草案请审阅"],
    sentences: ["附件是本季度的销售数据汇总。", "合同草案已经准备好了，请您审阅。", "我们计划在月底前完成所有工作。", "祝您工作顺利！"],
    greeting: "李总，您好：",
    signOff: "谢谢！",
    replyPrefix: "答复：",
  },
  {
    id: "zh-tw",
    charset: "big5",
    transfer: "base64",
    headerMode: "B",
    people: [{ name: "陳志明", address: "chen.zhiming@taipei-dianzi.example" }],
    subjects: ["季度報告的更新", "下週會議時間確認"],
    sentences: ["謝謝您的來信。", "季度報告已經更新，請參閱附件。", "下週三下午兩點開會，請確認是否方便。", "如有任何問題，歡迎隨時聯絡。"],
    greeting: "您好：",
    signOff: "敬祝 商祺",
    replyPrefix: "回覆：",
  },
  {
    id: "el-utf8",
    charset: "utf-8",
    transfer: "base64",
    headerMode: "B",
    people: [{ name: "Νίκος Παπαδόπουλος", address: "nikos@aigaio-travel.example" }],
    subjects: ["Καλημέρα από την Αθήνα ☀️", "Κράτηση για τον Ιούλιο"],
    sentences: ["Ευχαριστώ πολύ για το μήνυμά σας.", "Η κράτηση επιβεβαιώθηκε για τις 14 Ιουλίου.", "Θα σας στείλω το πρόγραμμα αύριο."],
    greeting: "Γεια σας,",
    signOff: "Με εκτίμηση,",
    replyPrefix: "Re: ",
  },
];

export function assertLocalesRepresentable(): void {
  for (const locale of LOCALES) {
    const texts = [...locale.people.map((p) => p.name), ...locale.subjects, ...locale.sentences, locale.greeting, locale.signOff, locale.replyPrefix];
    for (const text of texts) {
      if (!isRepresentable(text, locale.charset)) {
        throw new Error(`locale ${locale.id}: "${text}" is not representable in ${locale.charset}`);
      }
    }
  }
}
